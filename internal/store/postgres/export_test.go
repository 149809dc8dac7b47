package postgres

import "context"

// SendBatch exposes sendBatch to the package's external tests.
var SendBatch = (*Store).sendBatch

// TerminateLockHolder ends the database session holding s's advisory lock
// name, as a server restart would, and reports whether it found one.
func TerminateLockHolder(ctx context.Context, s *Store, name string) (bool, error) {
	key := lockKey(s.schema, name)
	var killed bool
	// An int8 advisory key shows in pg_locks as classid (high half) and
	// objid (low half) with objsubid 1.
	err := s.pool.QueryRow(ctx, `SELECT pg_terminate_backend(pid) FROM pg_locks
		WHERE locktype = 'advisory' AND granted AND objsubid = 1
		AND classid::bigint = $1 AND objid::bigint = $2`,
		uint32(uint64(key)>>32), uint32(uint64(key))).Scan(&killed)
	return killed, err
}
