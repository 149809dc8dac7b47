package timex_test

import (
	"fmt"

	"github.com/parallaxhq/parallax/internal/timex"
)

func ExampleFind() {
	anchor, _ := timex.ParseAnchor("2014-10-30")
	for _, e := range timex.Find("Militants retreated from Jurf al-Sakher last week, for the first time since August.", anchor) {
		fmt.Println(e.Text, e.Type, e.Value, e.Begin, e.Until)
	}
	// Output:
	// last week DATE 2014-W43 2014-10-20 2014-10-26
	// August DATE 2014-08 2014-08-01 2014-08-31
}

func ExamplePublicationDate() {
	text := "Iranians are marking the 40th day since the United States assassinated Qassem Soleimani in Iraq."
	inf, ok := timex.PublicationDate(text, timex.DefaultInferOptions())
	fmt.Println(ok, inf.Published, inf.Earliest, inf.Latest, inf.Basis)
	// Output:
	// true 2020-02-12 2020-02-11 2020-02-13 inferred
}

func ExampleDateLine() {
	date, start, end, ok := timex.DateLine("Qasem Soleimani; A hero in the shadow\n\nJan 06 2021\n7 Visits\n")
	fmt.Println(date, start, end, ok)
	// Output:
	// 2021-01-06 39 50 true
}
