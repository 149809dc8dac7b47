package postgres

// SendBatch exposes sendBatch to the package's external tests.
var SendBatch = (*Store).sendBatch
