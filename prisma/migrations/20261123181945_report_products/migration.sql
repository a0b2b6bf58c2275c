-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "batchNumber" TEXT,
ADD COLUMN     "productModel" TEXT;

-- Complaints filed before the copy: their line's model and batch.
UPDATE "Complaint" c SET "productModel" = l."productModel", "batchNumber" = l."batchNumber"
FROM "OrderLine" l
WHERE l."id" = c."orderLineId";

-- CreateIndex
CREATE INDEX "Complaint_report_idx" ON "Complaint"("createdAt", "regionId", "dealerId", "category", "responsibility", "status", "firstResponseDueAt", "firstRespondedAt", "closedAt", "slaBreachedAt", "slaDueAt", "resolvedAt", "productModel", "batchNumber");

-- CreateIndex
CREATE INDEX "Survey_sentAt_idx" ON "Survey"("sentAt");

