package query

import (
	"errors"
	"fmt"
	"strconv"
)

// Page sizes.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
	// MaxOffset bounds offset-paged listings (search, quotes, ...): deeper
	// pages cost more than they are worth; narrow the filter instead.
	MaxOffset = 10000
)

// ErrBadRequest marks a query the caller got wrong (bad token, unknown
// type); the web server answers it with 400.
var ErrBadRequest = errors.New("bad request")

// Page is one page of a listing: its items, the token of the next page
// (null on the last page) and the display names of the entities the items
// refer to, so that a page can be shown without one lookup per id.
type Page[T any] struct {
	Items []T `json:"items"`
	// Next is passed back as next=... to get the following page.
	Next *string `json:"next"`
	// EntityNames and DocumentNames name the entities and documents the
	// items refer to by id.
	EntityNames   map[string]EntityName `json:"entity_names,omitempty"`
	DocumentNames map[string]DocName    `json:"document_names,omitempty"`
}

// EntityName is what a listing needs to show an entity id.
type EntityName struct {
	Name string   `json:"name"`
	Type string   `json:"type"`
	Lat  *float64 `json:"lat,omitempty"`
	Lon  *float64 `json:"lon,omitempty"`
}

// DocName is what a listing needs to show a document id.
type DocName struct {
	Title     string  `json:"title"`
	Outlet    string  `json:"outlet"`
	Published *string `json:"published"`
	// Label is the outlet, else the title, else the file name.
	Label string `json:"label"`
}

// pageSize clamps a requested page size.
func pageSize(n int) int {
	switch {
	case n <= 0:
		return DefaultPageSize
	case n > MaxPageSize:
		return MaxPageSize
	}
	return n
}

// ParseToken reads a next token: "" is the first page. Tokens are decimal
// numbers (an arrival sequence or an offset); anything else is refused.
func ParseToken(tok string) (int64, error) {
	if tok == "" {
		return 0, nil
	}
	if len(tok) > 18 {
		return 0, fmt.Errorf("%w: next token %.20q is not one this server gave", ErrBadRequest, tok)
	}
	n, err := strconv.ParseInt(tok, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%w: next token %q is not one this server gave", ErrBadRequest, tok)
	}
	return n, nil
}

func token(n int64) *string {
	s := strconv.FormatInt(n, 10)
	return &s
}

// offsetPage cuts items[off:off+limit] out of a whole listing.
func offsetPage[T any](all []T, next string, limit int) (Page[T], error) {
	off, err := ParseToken(next)
	if err != nil {
		return Page[T]{}, err
	}
	limit = pageSize(limit)
	p := Page[T]{Items: []T{}}
	if off >= int64(len(all)) {
		return p, nil
	}
	end := int(off) + limit
	if end < len(all) {
		p.Next = token(int64(end))
	} else {
		end = len(all)
	}
	p.Items = all[off:end]
	return p, nil
}

// offsetOf reads an offset token and bounds it.
func offsetOf(next string) (int, error) {
	off, err := ParseToken(next)
	if err != nil {
		return 0, err
	}
	if off > MaxOffset {
		return 0, fmt.Errorf("%w: pages beyond %d results are not served; narrow the query", ErrBadRequest, MaxOffset)
	}
	return int(off), nil
}
