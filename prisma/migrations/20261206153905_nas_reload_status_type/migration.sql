-- Accounting-On or Accounting-Off: the NAS's last reload as FreeRADIUS records it (our
-- accounting-on/off query in radius/run.ts writes it while closing the NAS's sessions).
ALTER TABLE nasreload ADD COLUMN acctstatustype text;
