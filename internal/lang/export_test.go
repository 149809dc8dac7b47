package lang

// Exported for the external tests (package lang_test), which may import
// packages that import lang (internal/kb).
var (
	CheckSpans = checkSpans
	SharedDir  = sharedDir
	IsTitle    = isTitleWord
	ProcessCPU = processCPU
)
