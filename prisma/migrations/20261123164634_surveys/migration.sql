-- CreateEnum
CREATE TYPE "SurveyKind" AS ENUM ('COMPLAINT', 'KEY_ACCOUNT');

-- CreateTable
CREATE TABLE "Survey" (
    "id" TEXT NOT NULL,
    "kind" "SurveyKind" NOT NULL,
    "complaintId" TEXT,
    "customerId" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "dealerId" TEXT,
    "periodYear" INTEGER,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "answerUpdatedAt" TIMESTAMP(3),
    "timeliness" INTEGER,
    "communication" INTEGER,
    "resolutionQuality" INTEGER,
    "productQuality" INTEGER,
    "delivery" INTEGER,
    "priceFairness" INTEGER,
    "overall" INTEGER,
    "recommend" INTEGER,
    "comment" TEXT,
    "followUpOpenedAt" TIMESTAMP(3),
    "followUpClosedAt" TIMESTAMP(3),
    "followUpClosedById" TEXT,
    "followUpNote" TEXT,
    "reopenRequestedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyToken" (
    "id" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Survey_complaintId_key" ON "Survey"("complaintId");

-- CreateIndex
CREATE INDEX "Survey_answeredAt_idx" ON "Survey"("answeredAt");

-- CreateIndex
CREATE INDEX "Survey_regionId_answeredAt_idx" ON "Survey"("regionId", "answeredAt");

-- CreateIndex
CREATE INDEX "Survey_dealerId_answeredAt_idx" ON "Survey"("dealerId", "answeredAt");

-- CreateIndex
CREATE INDEX "Survey_customerId_sentAt_idx" ON "Survey"("customerId", "sentAt");

-- CreateIndex
CREATE INDEX "Survey_remindedAt_sentAt_idx" ON "Survey"("remindedAt", "sentAt");

-- CreateIndex
CREATE INDEX "Survey_followUpClosedAt_followUpOpenedAt_idx" ON "Survey"("followUpClosedAt", "followUpOpenedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_kind_customerId_periodYear_key" ON "Survey"("kind", "customerId", "periodYear");

-- CreateIndex
CREATE INDEX "SurveyToken_surveyId_idx" ON "SurveyToken"("surveyId");

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_followUpClosedById_fkey" FOREIGN KEY ("followUpClosedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyToken" ADD CONSTRAINT "SurveyToken_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Reports read these columns as they are: keep them in range here too, not only in the forms.
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_scores_range" CHECK (
    ("timeliness" IS NULL OR "timeliness" BETWEEN 1 AND 5) AND
    ("communication" IS NULL OR "communication" BETWEEN 1 AND 5) AND
    ("resolutionQuality" IS NULL OR "resolutionQuality" BETWEEN 1 AND 5) AND
    ("productQuality" IS NULL OR "productQuality" BETWEEN 1 AND 5) AND
    ("delivery" IS NULL OR "delivery" BETWEEN 1 AND 5) AND
    ("priceFairness" IS NULL OR "priceFairness" BETWEEN 1 AND 5) AND
    ("overall" IS NULL OR "overall" BETWEEN 1 AND 5) AND
    ("recommend" IS NULL OR "recommend" BETWEEN 0 AND 10)
);

-- A complaint survey has its complaint and no year; a key-account survey has its year.
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_kind_shape" CHECK (
    ("kind" = 'COMPLAINT' AND "complaintId" IS NOT NULL AND "periodYear" IS NULL) OR
    ("kind" = 'KEY_ACCOUNT' AND "complaintId" IS NULL AND "periodYear" IS NOT NULL)
);
