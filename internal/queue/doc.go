// Package queue owns distributing raw articles to `parallax worker`
// processes through NATS JetStream (github.com/nats-io/nats.go and its
// jetstream API): publishing, fetching in batches, acknowledging, retrying
// and giving up. It refuses to know what an article is or how it is
// analysed or stored: Message mirrors ingest.Item without importing it, and
// a Handler does the work.
//
// # The queue
//
// Options.Stream (PARALLAX_DOCS) is a work-queue stream on file storage: a
// message stays on disk until a worker acknowledges it, and then it is gone.
// Every worker shares one durable pull consumer (Options.Durable), so each
// message is with at most one worker at a time, however many run. Messages
// given up on are kept, with the reason, in Options.DeadStream.
//
// # Delivery guarantees
//
// Delivery is at least once, never at most once:
//
//   - Publish sets Nats-Msg-Id to the message's content id (Message.ID), so a
//     message published twice within Options.DuplicateWindow (a retried
//     publish, an ingest run again) is stored once. Publish returns only
//     once JetStream has stored every message.
//   - A worker acknowledges a batch only after its Handler returned nil,
//     that is after the batch's documents are committed to the store. A
//     worker that dies holding a batch (kill -9, a lost machine) never acks
//     it; after Options.AckWait JetStream gives the batch to another worker.
//     A worker that is stopped (its context cancelled) hands its batch back
//     at once. While a handler runs, the worker tells JetStream every
//     AckWait/3 that the batch is in progress, so a long batch is not
//     redelivered under it.
//   - A failed batch is retried one message at a time, so one bad article
//     does not use up the tries of its neighbours; each failing message
//     comes back after Options.RetryDelay, doubling. On its
//     Options.MaxDeliver-th failure (or at once, if it cannot be decoded) it
//     is written to the dead-letter stream, terminated, and passed to
//     Options.OnDeadLetter. A message whose deliveries all went unanswered
//     (its workers kept dying) is moved there too, from the server's notice,
//     which is kept in a stream so that one sent while no worker ran is
//     still acted on. No message leaves the queue without being either
//     acknowledged or recorded as dead.
//
// The price of at least once is that a handler can see a message twice:
// a worker killed after its commit but before its ack, or an ack lost on
// the way. The store makes that harmless: document ids are content hashes
// and store/postgres writes with INSERT ... ON CONFLICT DO NOTHING in one
// transaction per batch, so a redelivered document is a no-op (its source
// is remembered). At-least-once delivery plus idempotent writes gives
// exactly-once documents in the store.
//
// # Waiting for the workers
//
// Stat reports how many messages are pending, in flight, stranded (out of
// deliveries, waiting to be moved to the dead-letter stream) and dead;
// WaitDrained blocks until nothing is pending, in flight or stranded, which
// is what `parallax ingest --queue` waits for when asked to.
//
// # Why the wire format is ours
//
// Messages are a small length-prefixed binary format with the body
// compressed by s2 (github.com/klauspost/compress, already a dependency of
// nats.go) rather than JSON: bodies are raw bytes that JSON would inflate by
// a third in base64, and a news page compresses four to eight times, which
// keeps most articles well under the server's default 1 MiB max_payload. An
// article too large even so is refused by name (ErrTooLarge) and the rest go
// on.
package queue
