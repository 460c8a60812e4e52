-- Gives the lease up, only when the caller still holds it: a lease that expired and moved on is left to its new holder.
DELETE FROM llmops.leases WHERE name = $1 AND holder = $2
