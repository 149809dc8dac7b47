package query

import (
	"context"
	"strings"

	"github.com/parallaxhq/parallax/internal/store"
)

// SearchHit is a search result.
type SearchHit struct {
	DocumentView
	// Snippet is plain text with the matched terms wrapped in [ and ].
	Snippet string `json:"snippet"`
	// SnippetParts is the same snippet cut at the matches, for display
	// without parsing brackets (which the article text may contain too).
	SnippetParts []SnippetPart `json:"snippet_parts"`
	Rank         float64       `json:"rank"`
}

// SnippetPart is a run of snippet text, matched or not.
type SnippetPart struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

// SearchQuery is a search request: Q in the syntax of `parallax search`.
type SearchQuery struct {
	Q     string
	Limit int
	Next  string
}

// Search runs a full-text search and returns the best limit matches.
func Search(ctx context.Context, st store.Store, q string, limit int) ([]SearchHit, error) {
	p, err := SearchPage(ctx, st, SearchQuery{Q: q, Limit: limit})
	if err != nil {
		return nil, err
	}
	return p.Items, nil
}

// SearchPage runs a full-text search and returns one page of hits.
func SearchPage(ctx context.Context, st store.Store, sq SearchQuery) (Page[SearchHit], error) {
	off, err := offsetOf(sq.Next)
	if err != nil {
		return Page[SearchHit]{}, err
	}
	limit := sq.Limit
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, MaxPageSize)
	p := Page[SearchHit]{Items: []SearchHit{}}
	if strings.TrimSpace(sq.Q) == "" {
		return p, nil
	}
	hits, err := searchPage(ctx, st, sq.Q, off, limit+1)
	if err != nil {
		return p, err
	}
	if len(hits) > limit {
		hits = hits[:limit]
		p.Next = token(int64(off + limit))
	}
	for _, h := range hits {
		parts := splitSnippet(h.Snippet)
		p.Items = append(p.Items, SearchHit{DocumentView: View(h.Doc), Snippet: bracketed(parts), SnippetParts: parts, Rank: h.Rank})
	}
	return p, nil
}

// splitSnippet cuts a snippet marked with SnippetOpen/SnippetClose into parts.
func splitSnippet(s string) []SnippetPart {
	parts := []SnippetPart{}
	match := false
	for s != "" {
		mark := SnippetOpen
		if match {
			mark = SnippetClose
		}
		i := strings.Index(s, mark)
		if i < 0 {
			i = len(s)
		}
		if i > 0 {
			parts = append(parts, SnippetPart{Text: strings.NewReplacer(SnippetOpen, "", SnippetClose, "").Replace(s[:i]), Match: match})
		}
		if i == len(s) {
			break
		}
		s = s[i+len(mark):]
		match = !match
	}
	return parts
}

func bracketed(parts []SnippetPart) string {
	var b strings.Builder
	for _, p := range parts {
		if p.Match {
			b.WriteString("[" + p.Text + "]")
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}
