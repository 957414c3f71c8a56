-- Alert hygiene reads a patient's "dealt with" feedback on every hook call (FeedbackStore.history). It was found by
-- joining every card ever issued for the patient, so its cost grew with each chart opening; with the patient's key on
-- the feedback row it reads that patient's feedback only. Rows stored before this version get the key of their card.
ALTER TABLE feedback ADD COLUMN patient_key VARCHAR(64);
UPDATE feedback SET patient_key = (SELECT c.patient_key FROM issued_card c WHERE c.card_uuid = feedback.card_uuid);
CREATE INDEX ix_feedback_patient ON feedback (patient_key);
