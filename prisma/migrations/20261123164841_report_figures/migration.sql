-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "resolvedAt" TIMESTAMP(3),
ADD COLUMN     "slaBreachedAt" TIMESTAMP(3);


-- Complaints answered before these columns existed: the last move to RESOLVED or REJECTED in the
-- audit trail, for those still resolved, rejected or closed after an answer.
UPDATE "Complaint" c SET "resolvedAt" = e."at"
FROM (
    SELECT "complaintId", max("createdAt") AS "at"
    FROM "ComplaintEvent"
    WHERE "toStatus" IN ('RESOLVED', 'REJECTED')
    GROUP BY "complaintId"
) e
WHERE e."complaintId" = c."id"
    AND (c."status" IN ('RESOLVED', 'REJECTED') OR (c."status" = 'CLOSED' AND c."closeReason" IN ('COMPLETED', 'REJECTED')));

-- Promises that ran out before: the SLA sweep recorded each breach with the due time it passed;
-- a clock overdue now counts too.
UPDATE "Complaint" c SET "slaBreachedAt" = e."dueAt"
FROM (
    SELECT "complaintId", min(("data"->>'dueAt')::timestamp(3)) AS "dueAt"
    FROM "ComplaintEvent"
    WHERE "type" = 'sla_breached' AND "data"->>'dueAt' IS NOT NULL
    GROUP BY "complaintId"
) e
WHERE e."complaintId" = c."id";
UPDATE "Complaint" SET "slaBreachedAt" = "slaDueAt"
WHERE "slaBreachedAt" IS NULL AND "slaState" = 'BREACHED' AND "slaDueAt" IS NOT NULL;
