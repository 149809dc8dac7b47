package timeml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Sentinel errors.
var (
	ErrNoText = errors.New("no <TEXT> element")
	ErrNoDCT  = errors.New("no creation time")
)

// Timex is one TIMEX3 annotation with byte offsets into Document.Text.
type Timex struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
	Value string `json:"value"`
	Mod   string `json:"mod,omitempty"`
}

// Document is one TimeML file.
type Document struct {
	Name    string  `json:"name"`
	DCT     string  `json:"dct"` // value of the CREATION_TIME TIMEX3, e.g. 1998-03-06T13:19:00
	Text    string  `json:"text"`
	Timexes []Timex `json:"timexes"`
}

// MaxBytes bounds what Parse reads from one file.
const MaxBytes = 16 << 20

// Parse reads a TimeML document. Tags other than TIMEX3 inside TEXT (EVENT,
// SIGNAL, ...) are dropped, keeping their text.
func Parse(r io.Reader) (Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return Document{}, fmt.Errorf("timeml: %w", err)
	}
	if len(data) > MaxBytes {
		return Document{}, fmt.Errorf("timeml: larger than %d bytes", MaxBytes)
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var (
		doc      Document
		text     strings.Builder
		inText   int
		inDCT    int
		sawText  bool
		open     []Timex // TIMEX3 elements open inside TEXT
		depthTag []string
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Document{}, fmt.Errorf("timeml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToUpper(t.Name.Local)
			depthTag = append(depthTag, name)
			switch {
			case name == "TEXT":
				inText++
				sawText = true
			case name == "DCT":
				inDCT++
			case name == "TIMEX3":
				attr := func(k string) string {
					for _, a := range t.Attr {
						if strings.EqualFold(a.Name.Local, k) {
							return a.Value
						}
					}
					return ""
				}
				if inDCT > 0 || strings.EqualFold(attr("functionInDocument"), "CREATION_TIME") {
					if doc.DCT == "" {
						doc.DCT = attr("value")
					}
				}
				if inText > 0 {
					open = append(open, Timex{Start: text.Len(), Type: attr("type"), Value: attr("value"), Mod: attr("mod")})
				}
			}
		case xml.EndElement:
			name := strings.ToUpper(t.Name.Local)
			if len(depthTag) > 0 {
				depthTag = depthTag[:len(depthTag)-1]
			}
			switch {
			case name == "TEXT" && inText > 0:
				inText--
			case name == "DCT" && inDCT > 0:
				inDCT--
			case name == "TIMEX3" && inText > 0 && len(open) > 0:
				tx := open[len(open)-1]
				open = open[:len(open)-1]
				tx.End = text.Len()
				doc.Timexes = append(doc.Timexes, tx)
			}
		case xml.CharData:
			if inText > 0 {
				text.Write(t)
			}
		}
	}
	if !sawText {
		return Document{}, fmt.Errorf("timeml: %w", ErrNoText)
	}
	doc.Text = text.String()
	kept := doc.Timexes[:0]
	for _, tx := range doc.Timexes {
		if tx.End <= tx.Start { // empty (non-consuming) TIMEX3s have no extent to find
			continue
		}
		tx.Text = doc.Text[tx.Start:tx.End]
		kept = append(kept, tx)
	}
	doc.Timexes = kept
	if doc.DCT == "" {
		return doc, fmt.Errorf("timeml: %w", ErrNoDCT)
	}
	return doc, nil
}
