package timeml

import (
	"encoding/json"
	"flag"
	"os"
	"testing"
)

var dumpErrors = flag.String("errors", "", "write every disagreement on TimeBank to this JSON file")

const timeBankDir = "../../../../shared/eval/time/TimeBank"

// TestTimeBank checks the acceptance floor of value F1 on TimeBank.
func TestTimeBank(t *testing.T) {
	if _, err := os.Stat(timeBankDir); err != nil {
		t.Skipf("shared TimeBank not found at %s: %v", timeBankDir, err)
	}
	rep, err := EvaluateWith(timeBankDir, Options{KeepErrors: *dumpErrors != ""})
	if err != nil {
		t.Fatal(err)
	}
	o := rep.Overall
	t.Logf("files=%d gold=%d system=%d strict F1=%.3f relaxed P=%.3f R=%.3f F1=%.3f value F1=%.3f (acc %.3f) type F1=%.3f",
		rep.Files, o.Gold, o.System, o.StrictF1, o.Precision, o.Recall, o.RelaxedF1, o.ValueF1, o.ValueAcc, o.TypeF1)
	if *dumpErrors != "" {
		b, _ := json.MarshalIndent(rep.Errors, "", " ")
		if err := os.WriteFile(*dumpErrors, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if o.ValueF1 < 0.75 {
		t.Errorf("value F1 %.3f below the 0.75 floor", o.ValueF1)
	}
}
