-- An episode version's assembly is claimed under the same lease rule as a task and a sheet: held while the claiming
-- worker's heartbeat is fresh (workers.heartbeat_at + workers.lease_millis not past), so an assembly longer than one
-- lease keeps its claim. The expiry set once at the claim (never renewed) goes. Portable SQL, as V8.
ALTER TABLE assembly_claims DROP COLUMN lease_until;
