package lang

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies keeps heavy or peer libraries out of the language core:
// it must depend on the standard library, internal/model and x/text only.
func TestDependencies(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if !strings.Contains(strings.Split(p, "/")[0], ".") {
			continue // standard library
		}
		if p == "github.com/parallaxhq/parallax/internal/lang" || p == "github.com/parallaxhq/parallax/internal/model" {
			continue
		}
		t.Errorf("internal/lang depends on %s", p)
	}
}
