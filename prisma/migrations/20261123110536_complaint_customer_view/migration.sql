-- DropForeignKey
ALTER TABLE "Order" DROP CONSTRAINT "Order_customerId_fkey";

-- DropIndex
DROP INDEX "Complaint_customerId_updatedAt_idx";

-- AlterTable (edited by hand: existing orders take their customer's email before the column
-- becomes NOT NULL)
ALTER TABLE "Order" ADD COLUMN     "customerEmail" TEXT,
ALTER COLUMN "customerId" DROP NOT NULL;
UPDATE "Order" o SET "customerEmail" = u."email" FROM "User" u WHERE u."id" = o."customerId";
ALTER TABLE "Order" ALTER COLUMN "customerEmail" SET NOT NULL;

-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "contactPhone" TEXT,
ADD COLUMN     "customerUpdatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "escalationLevel" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "resolutionSummary" TEXT,
ADD COLUMN     "resolutionType" "RequestedRemedy";

-- CreateIndex
CREATE INDEX "Order_customerEmail_idx" ON "Order"("customerEmail");

-- CreateIndex
CREATE INDEX "Complaint_customerId_customerUpdatedAt_idx" ON "Complaint"("customerId", "customerUpdatedAt");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

