// Package nercheck holds no code: its test measures entity resolution on the
// seed corpus with mentions from the real recogniser (internal/lang) rather
// than gold aliases. It is a package of its own so that package resolve
// never depends on the recogniser, not even in its tests.
package nercheck
