-- CreateEnum
CREATE TYPE "Department" AS ENUM ('AFTER_SALES', 'QUALITY', 'SALES', 'PRODUCTION', 'LOGISTICS', 'TECHNICAL');

-- CreateEnum
CREATE TYPE "Responsibility" AS ENUM ('QUALITY_DEFECT', 'CUSTOMER_MISUSE', 'TRANSPORT_DAMAGE', 'DEALER', 'UNDETERMINED', 'NOT_COMPANY');

-- CreateEnum
CREATE TYPE "CostBearer" AS ENUM ('COMPANY', 'CUSTOMER', 'DEALER', 'CARRIER', 'SHARED');

-- CreateEnum
CREATE TYPE "FindingKind" AS ENUM ('ON_SITE_VISIT', 'SAMPLE', 'RESPONSIBILITY');

-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('PENDING_APPROVAL', 'DECLINED', 'OFFERED', 'ACCEPTED', 'DISPUTED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('PENDING', 'APPROVED', 'DECLINED');

-- CreateEnum
CREATE TYPE "ServiceClockKind" AS ENUM ('FIRST_RESPONSE', 'ROUTING', 'INITIAL_VERIFICATION', 'TEMPORARY_MEASURE', 'RESOLUTION', 'ON_SITE_VISIT', 'FOLLOW_UP');

-- CreateEnum
CREATE TYPE "DurationUnit" AS ENUM ('HOURS', 'WORKING_HOURS', 'WORKING_DAYS', 'DAYS');

-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "authoritiesRightToldAt" TIMESTAMP(3),
ADD COLUMN     "costBearer" "CostBearer",
ADD COLUMN     "department" "Department",
ADD COLUMN     "resolutionAmountMinor" INTEGER,
ADD COLUMN     "resolutionCurrency" TEXT,
ADD COLUMN     "responsibility" "Responsibility",
ADD COLUMN     "responsibilityAt" TIMESTAMP(3),
ADD COLUMN     "routedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ComplaintEvent" ADD COLUMN     "changes" JSONB,
ADD COLUMN     "version" INTEGER;

-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "findingId" TEXT;

-- CreateTable
CREATE TABLE "ComplaintFinding" (
    "id" TEXT NOT NULL,
    "complaintId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" "FindingKind" NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "summary" TEXT NOT NULL,
    "sampleReference" TEXT,
    "responsibility" "Responsibility",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplaintFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResolutionProposal" (
    "id" TEXT NOT NULL,
    "complaintId" TEXT NOT NULL,
    "proposedById" TEXT NOT NULL,
    "type" "RequestedRemedy" NOT NULL,
    "summary" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "costBearer" "CostBearer" NOT NULL,
    "status" "ProposalStatus" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "ResolutionProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalStep" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "approverRole" "StaffRole" NOT NULL,
    "ruleId" TEXT,
    "reasonZh" TEXT NOT NULL,
    "reasonEn" TEXT NOT NULL,
    "decision" "ApprovalDecision" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "comment" TEXT,

    CONSTRAINT "ApprovalStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalRule" (
    "id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "approverRole" "StaffRole" NOT NULL,
    "category" "ComplaintCategory",
    "minSeverity" "ComplaintSeverity",
    "amountAboveMinor" INTEGER,
    "descriptionZh" TEXT NOT NULL,
    "descriptionEn" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReplyTemplate" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" "ComplaintCategory",
    "bodyZh" TEXT NOT NULL,
    "bodyEn" TEXT NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReplyTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceLevelTarget" (
    "clock" "ServiceClockKind" NOT NULL,
    "keyAccount" BOOLEAN NOT NULL,
    "amount" INTEGER NOT NULL,
    "unit" "DurationUnit" NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "ServiceLevelTarget_pkey" PRIMARY KEY ("clock","keyAccount")
);

-- CreateTable
CREATE TABLE "SavedQueueView" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedQueueView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ComplaintFinding_complaintId_createdAt_idx" ON "ComplaintFinding"("complaintId", "createdAt");

-- CreateIndex
CREATE INDEX "ResolutionProposal_complaintId_createdAt_idx" ON "ResolutionProposal"("complaintId", "createdAt");

-- CreateIndex
CREATE INDEX "ApprovalStep_approverRole_decision_idx" ON "ApprovalStep"("approverRole", "decision");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalStep_proposalId_sequence_key" ON "ApprovalStep"("proposalId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "SavedQueueView_userId_name_key" ON "SavedQueueView"("userId", "name");

-- CreateIndex
CREATE INDEX "Complaint_assigneeId_status_idx" ON "Complaint"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "Attachment_findingId_idx" ON "Attachment"("findingId");

-- AddForeignKey
ALTER TABLE "ComplaintFinding" ADD CONSTRAINT "ComplaintFinding_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintFinding" ADD CONSTRAINT "ComplaintFinding_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResolutionProposal" ADD CONSTRAINT "ResolutionProposal_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResolutionProposal" ADD CONSTRAINT "ResolutionProposal_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalStep" ADD CONSTRAINT "ApprovalStep_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "ResolutionProposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalStep" ADD CONSTRAINT "ApprovalStep_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplyTemplate" ADD CONSTRAINT "ReplyTemplate_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedQueueView" ADD CONSTRAINT "SavedQueueView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "ComplaintFinding"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- The audit trail is append-only (issue 4 §7): no interface may edit or delete an event, and the
-- database refuses it too, so a bug or a hand-written query cannot rewrite history.
CREATE FUNCTION complaint_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ComplaintEvent rows are append-only (% refused)', TG_OP USING ERRCODE = '55000';
END
$$;
CREATE TRIGGER "ComplaintEvent_append_only"
  BEFORE UPDATE OR DELETE ON "ComplaintEvent"
  FOR EACH ROW EXECUTE FUNCTION complaint_event_append_only();

-- Default service-level targets (DESIGN.md §4); admins edit them in the console.
INSERT INTO "ServiceLevelTarget" ("clock", "keyAccount", "amount", "unit", "updatedAt") VALUES
  ('FIRST_RESPONSE', false, 24, 'HOURS', now()),
  ('FIRST_RESPONSE', true, 4, 'HOURS', now()),
  ('ROUTING', false, 2, 'WORKING_HOURS', now()),
  ('ROUTING', true, 1, 'WORKING_HOURS', now()),
  ('INITIAL_VERIFICATION', false, 3, 'WORKING_DAYS', now()),
  ('INITIAL_VERIFICATION', true, 2, 'WORKING_DAYS', now()),
  ('TEMPORARY_MEASURE', false, 1, 'WORKING_DAYS', now()),
  ('TEMPORARY_MEASURE', true, 4, 'WORKING_HOURS', now()),
  ('RESOLUTION', false, 5, 'WORKING_DAYS', now()),
  ('RESOLUTION', true, 3, 'WORKING_DAYS', now()),
  ('ON_SITE_VISIT', false, 24, 'HOURS', now()),
  ('ON_SITE_VISIT', true, 12, 'HOURS', now()),
  ('FOLLOW_UP', false, 3, 'DAYS', now()),
  ('FOLLOW_UP', true, 2, 'DAYS', now());

-- Default approval policy (DESIGN.md §5, 004 §5.3 and §5.7, 000 (四)); admins edit it.
INSERT INTO "ApprovalRule" ("id", "sequence", "approverRole", "category", "minSeverity", "amountAboveMinor", "descriptionZh", "descriptionEn", "updatedAt") VALUES
  ('default-regional-manager', 10, 'REGIONAL_MANAGER', NULL, NULL, 0,
    '涉及金额的处理方案由区域经理审批', 'Any proposal involving money: the regional manager approves', now()),
  ('default-marketing-director', 20, 'MARKETING_DIRECTOR', NULL, NULL, 500000,
    '金额超过 5,000 元由市场总监审批', 'Over CNY 5,000: the marketing director approves', now()),
  ('default-general-manager-quality', 30, 'GENERAL_MANAGER', 'PRODUCT_QUALITY', 'MAJOR', NULL,
    '重大产品质量问题由总经理审批', 'Major product-quality cases: the general manager approves', now()),
  ('default-general-manager-critical', 40, 'GENERAL_MANAGER', NULL, 'CRITICAL', NULL,
    '重大或原则性问题由总经理办公会决定', 'Critical or principle cases: decided by the general manager''s meeting', now());
