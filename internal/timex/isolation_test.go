package timex

import (
	"os/exec"
	"strings"
	"testing"
)

// TestIsolation keeps the tagger light: besides the standard library it may
// only depend on the shared model types.
func TestIsolation(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	allowed := map[string]bool{
		"github.com/parallaxhq/parallax/internal/model": true,
		"github.com/parallaxhq/parallax/internal/timex": true,
	}
	for _, dep := range strings.Fields(string(out)) {
		first, _, _ := strings.Cut(dep, "/")
		if !strings.Contains(first, ".") || allowed[dep] {
			continue // standard library
		}
		t.Errorf("timex depends on %s", dep)
	}
}
