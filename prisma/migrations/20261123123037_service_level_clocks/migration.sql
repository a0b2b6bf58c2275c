-- CreateEnum
CREATE TYPE "SlaState" AS ENUM ('ON_TRACK', 'AT_RISK', 'BREACHED');

-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('DAY_OFF', 'WORKING_DAY');

-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "slaAtRiskAt" TIMESTAMP(3),
ADD COLUMN     "slaDueAt" TIMESTAMP(3),
ADD COLUMN     "slaState" "SlaState" NOT NULL DEFAULT 'ON_TRACK',
ADD COLUMN     "slaStateChangedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "id" TEXT NOT NULL,
    "regionId" TEXT,
    "date" DATE NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CalendarDay_date_idx" ON "CalendarDay"("date");

-- CreateIndex
-- edited by hand: NULLS NOT DISTINCT, so the national calendar (regionId null) has one row per date
CREATE UNIQUE INDEX "CalendarDay_regionId_date_key" ON "CalendarDay"("regionId", "date") NULLS NOT DISTINCT;

-- CreateIndex
CREATE INDEX "Complaint_slaState_slaAtRiskAt_idx" ON "Complaint"("slaState", "slaAtRiskAt");

-- CreateIndex
CREATE INDEX "Complaint_slaState_slaDueAt_idx" ON "Complaint"("slaState", "slaDueAt");

-- AddForeignKey
ALTER TABLE "CalendarDay" ADD CONSTRAINT "CalendarDay_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE CASCADE ON UPDATE CASCADE;

