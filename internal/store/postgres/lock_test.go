package postgres

import "testing"

// TestLockKeysDiffer checks that schemas and names give distinct keys.
func TestLockKeysDiffer(t *testing.T) {
	seen := map[int64]string{}
	for _, c := range []struct{ schema, name string }{
		{"public", "corpus"}, {"run1", "corpus"}, {"run1", "corpu"}, {"run1c", "orpus"}, {"", "corpus"},
	} {
		k := lockKey(c.schema, c.name)
		if k == migrationLockKey {
			t.Errorf("%s/%s: collides with the migration lock", c.schema, c.name)
		}
		if prev, ok := seen[k]; ok {
			t.Errorf("%s/%s: same key as %s", c.schema, c.name, prev)
		}
		seen[k] = c.schema + "/" + c.name
	}
}
