// Package scale owns the end-to-end checks of parallax scaled out: real
// `parallax worker` processes consuming NATS JetStream into PostgreSQL,
// killed with SIGKILL, cut off from a restarted NATS or PostgreSQL, and
// compared with the embedded single-process SQLite run; and the benchmark
// of documents per second with 1, 2 and 4 worker processes (RESULTS.md).
// It holds no production code and refuses to test anything a unit test in
// the package concerned can.
//
// The tests build the parallax binary and drive it as an operator would,
// through its command line; they read the store through store/postgres
// and the queue through queue, and they create their own stream and
// PostgreSQL schema (search_path), deleted at the end. They skip, saying
// why, when PostgreSQL (PARALLAX_TEST_POSTGRES, default
// postgres://postgres@127.0.0.1:5432/test) or NATS with JetStream
// (PARALLAX_TEST_NATS, default nats://127.0.0.1:4222) is not reachable.
//
//	go test ./internal/scale                          kill -9 of workers, seeds equal to SQLite
//	PARALLAX_FAULT_TESTS=1 go test ./internal/scale   also restart NATS and PostgreSQL (root, local servers)
//	go test ./internal/scale -run XXX -bench Workers -benchtime 1x
//
// Restarting the servers disturbs every other test using them, so those
// cases run only when asked.
package scale
