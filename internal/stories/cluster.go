package stories

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Input is one document as the clusterer sees it.
type Input struct {
	ID        string
	Title     string
	Text      string   // clean text
	Published string   // publication date YYYY-MM-DD, or "" when unknown
	Entities  []string // entity names (or resolved entity ids); nil: capitalised phrases of the text stand in
}

// Assignment says where a document went.
type Assignment struct {
	Doc   string  `json:"doc"`
	Story string  `json:"story"`
	Score float64 `json:"score"` // similarity to the story it joined; 0 when it started one
	New   bool    `json:"new"`   // the document started a story
	// Absorbed lists stories the consolidation step merged into Story while
	// adding this document: their documents now belong to Story.
	Absorbed []string `json:"absorbed,omitempty"`
}

// Clusterer assigns documents to stories one at a time. It is not safe for
// concurrent use: stories are a single-writer structure, like a log.
type Clusterer struct {
	idx   Index
	opt   Options
	stems map[string]string
	buf   []token
	bg    map[string]float32 // background document shares; nil when disabled
	// bgNames caches the background share of entity names.
	bgNames map[string]float64
	// trace, when set (by tests), sees every candidate's term and entity cosine.
	trace func(doc string, cands []StoryState, termCos, entCos []float64, story string)
}

// New returns a clusterer that keeps its state in idx.
func New(idx Index, opt Options) (*Clusterer, error) {
	c := &Clusterer{idx: idx, opt: opt, stems: make(map[string]string), bgNames: make(map[string]float64)}
	if opt.BackgroundDocs > 0 {
		bg, err := background()
		if err != nil {
			return nil, fmt.Errorf("stories: %w", err)
		}
		c.bg = bg
	}
	return c, nil
}

// profile is a document or a story in working form: raw centroids (IDF is
// applied at comparison time), size and date range.
type profile struct {
	terms, ents sparse
	// termsRest, entsRest: squared IDF-weighted norm of pruned tails.
	termsRest, entsRest float64
	// termsNorm, entsNorm: IDF-weighted norms (tails included); a story's
	// are those computed when it was last stored, so comparing with it
	// needs IDF only for the keys both sides share.
	termsNorm, entsNorm float64
	names               map[string]string
	docs                int
	first, last         string
}

// idfTable caches the IDF of keys for one Add call.
type idfTable struct {
	ctx  context.Context
	c    *Clusterer
	idx  Index
	n    int
	idf  map[string]float64
	miss []string
	err  error // first error of a lazy load
}

func (t *idfTable) load(keys []string) error {
	t.miss = t.miss[:0]
	for _, k := range keys {
		if _, ok := t.idf[k]; !ok {
			t.miss = append(t.miss, k)
		}
	}
	if len(t.miss) == 0 {
		return nil
	}
	n, df, err := t.idx.DocFreqs(t.ctx, t.miss)
	if err != nil {
		return fmt.Errorf("document frequencies: %w", err)
	}
	t.n = n
	// The background acts as BackgroundDocs documents already seen, so
	// IDF means the same in a corpus about one story as in a mixed stream,
	// and the first documents of a stream are weighed sensibly.
	n0 := t.c.opt.BackgroundDocs
	for i, k := range t.miss {
		d := float64(df[i]) + n0*t.c.backgroundShare(k)
		t.idf[k] = math.Log(1 + (float64(n)+n0)/math.Max(d, 0.5))
	}
	return nil
}

// get returns the IDF of k, loading it alone if no batch brought it (the
// callers load batches first; this is the safety net).
func (t *idfTable) get(k string) float64 {
	if v, ok := t.idf[k]; ok {
		return v
	}
	if err := t.load([]string{k}); err != nil {
		t.err = err
		return 0
	}
	return t.idf[k]
}

// Add assigns one document to a story: the most similar candidate story
// found through the blocking keys if it is similar enough, a new story
// otherwise. It then checks whether the updated story now matches another
// candidate closely enough to merge with it.
func (c *Clusterer) Add(ctx context.Context, in Input) (Assignment, error) {
	if in.ID == "" {
		return Assignment{}, fmt.Errorf("stories: add: %w", ErrNoDocID)
	}
	f, buf := extract(in, &c.opt, c.stems, c.buf)
	c.buf = buf
	docKeys := make([]string, 0, len(f.terms)+len(f.entities))
	for k := range f.terms {
		docKeys = append(docKeys, k)
	}
	for k := range f.entities {
		docKeys = append(docKeys, k)
	}
	sort.Strings(docKeys) // a stable order for the index, whatever map order was
	if err := c.idx.CountDocument(ctx, docKeys); err != nil {
		return Assignment{}, fmt.Errorf("stories: add %s: %w", in.ID, err)
	}
	idf := &idfTable{ctx: ctx, c: c, idx: c.idx, idf: make(map[string]float64, len(docKeys)*4)}
	if err := idf.load(docKeys); err != nil {
		return Assignment{}, fmt.Errorf("stories: add %s: %w", in.ID, err)
	}
	date := normDate(in.Published)
	doc := profile{
		terms: unitRaw(f.terms), ents: unitRaw(f.entities), names: f.display,
		docs: 1, first: date, last: date,
	}
	doc.termsNorm, doc.entsNorm = norm(doc.terms, 0, idf.get), norm(doc.ents, 0, idf.get)

	cands, err := c.idx.Candidates(ctx, c.blockKeys(doc, idf.get), c.opt.MinSharedKeys, c.opt.Candidates)
	if err != nil {
		return Assignment{}, fmt.Errorf("stories: add %s: candidates: %w", in.ID, err)
	}
	profs, err := c.profiles(cands, idf)
	if err != nil {
		return Assignment{}, fmt.Errorf("stories: add %s: %w", in.ID, err)
	}
	if c.trace != nil {
		var ct, ce []float64
		for _, p := range profs {
			ct = append(ct, cosine(doc.terms, p.terms, idf.get, doc.termsNorm, p.termsNorm))
			ce = append(ce, cosine(doc.ents, p.ents, idf.get, doc.entsNorm, p.entsNorm))
		}
		c.trace(in.ID, cands, ct, ce, "")
	}
	// Shared keys are doc keys, whose IDF is loaded: no more lookups here.
	best, bestScore := -1, 0.0
	for i := range cands {
		s := c.similarity(doc, profs[i], idf.get)
		if s < c.joinThreshold(cands[i].Docs) {
			continue
		}
		if s > bestScore || (s == bestScore && best >= 0 && cands[i].Updated > cands[best].Updated) {
			best, bestScore = i, s
		}
	}

	a := Assignment{Doc: in.ID}
	var st StoryState
	var sp profile
	if best >= 0 {
		st = cands[best]
		sp = profs[best]
		a.Score = bestScore
		if err := idf.load(stateKeys(st)); err != nil {
			return Assignment{}, fmt.Errorf("stories: add %s: %w", in.ID, err)
		}
		merged := c.combine(sp, doc)
		c.retitle(&st, merged, in.Title, in.ID, idf.get)
		sp = merged
	} else {
		st = StoryState{ID: storyID(in.ID)}
		sp = doc
		st.Title, st.TitleDoc = in.Title, in.ID
		a.New = true
	}
	st.Updated = int64(idf.n)
	c.store(&st, sp, idf.get)
	if idf.err != nil {
		return Assignment{}, fmt.Errorf("stories: add %s: %w", in.ID, idf.err)
	}
	if err := c.idx.Put(ctx, st, []string{in.ID}); err != nil {
		return Assignment{}, fmt.Errorf("stories: add %s: put story %s: %w", in.ID, st.ID, err)
	}
	sp = profileOf(st)

	final, absorbed, err := c.consolidate(ctx, st, sp, idf)
	if err != nil {
		return Assignment{}, fmt.Errorf("stories: add %s: consolidate: %w", in.ID, err)
	}
	a.Story, a.Absorbed = final, absorbed
	return a, nil
}

// staleNorm: a story's stored norms are recomputed when the corpus has
// grown by more than this share since it was stored, since IDF has moved.
const staleNorm = 0.1

// profiles turns candidate states into profiles, refreshing the norms of
// stories stored when the corpus was much smaller.
func (c *Clusterer) profiles(sts []StoryState, idf *idfTable) ([]profile, error) {
	out := make([]profile, len(sts))
	var stale []string
	for i, st := range sts {
		out[i] = profileOf(st)
		if float64(st.Updated) < (1-staleNorm)*float64(idf.n) {
			stale = append(stale, stateKeys(st)...)
		}
	}
	if len(stale) == 0 {
		return out, nil
	}
	if err := idf.load(stale); err != nil {
		return nil, err
	}
	for i, st := range sts {
		if float64(st.Updated) < (1-staleNorm)*float64(idf.n) {
			out[i].termsNorm = norm(out[i].terms, out[i].termsRest, idf.get)
			out[i].entsNorm = norm(out[i].ents, out[i].entsRest, idf.get)
		}
	}
	return out, nil
}

// joinThreshold is the similarity a document needs to join a story of n
// documents: a lone document is a noisier partner than a centroid.
func (c *Clusterer) joinThreshold(n int) float64 {
	if n <= 1 {
		return max(c.opt.JoinThreshold, c.opt.PairThreshold)
	}
	return c.opt.JoinThreshold
}

// maxMergesPerAdd bounds the consolidation work one document can cause.
const maxMergesPerAdd = 3

// consolidate merges the just-updated story with a candidate story it now
// matches: above MergeThreshold when one of the two is a fragment of at most
// MergeSmallDocs documents, above MergeLargeThreshold otherwise; and only
// when the smaller of the two finds no story it matches better, so a
// fragment goes to its best story, not to the first that grew near it. The
// larger story keeps its id (on a tie, the older one), so ids of big stories
// are stable.
func (c *Clusterer) consolidate(ctx context.Context, st StoryState, sp profile, idf *idfTable) (string, []string, error) {
	var absorbed []string
	for range maxMergesPerAdd {
		cands, err := c.idx.Candidates(ctx, st.Keys, c.opt.MinSharedKeys, c.opt.Candidates+1)
		if err != nil {
			return "", nil, err
		}
		if err := idf.load(stateKeys(st)); err != nil {
			return "", nil, err
		}
		cprofs, err := c.profiles(cands, idf)
		if err != nil {
			return "", nil, err
		}
		best, bestScore := -1, 0.0
		for i := range cands {
			if cands[i].ID == st.ID {
				continue
			}
			threshold := c.opt.MergeLargeThreshold
			if min(cands[i].Docs, st.Docs) <= c.opt.MergeSmallDocs {
				threshold = c.opt.MergeThreshold
			}
			s := c.similarity(sp, cprofs[i], idf.get)
			if s >= threshold && s > bestScore {
				best, bestScore = i, s
			}
		}
		if best < 0 {
			break
		}
		other := cands[best]
		op := profileOf(other)
		op.termsNorm, op.entsNorm = 0, 0 // recomputed below, with its keys loaded
		if err := idf.load(stateKeys(other)); err != nil {
			return "", nil, err
		}
		op.termsNorm = norm(op.terms, op.termsRest, idf.get)
		op.entsNorm = norm(op.ents, op.entsRest, idf.get)
		keep, gone := st, other
		kp, gp := sp, op
		if other.Docs > st.Docs || (other.Docs == st.Docs && other.Updated < st.Updated) {
			keep, gone, kp, gp = other, st, op, sp
		}
		ok, err := c.prefers(ctx, gone, gp, keep.ID, bestScore, idf)
		if err != nil {
			return "", nil, err
		}
		if !ok {
			break
		}
		merged := c.combine(kp, gp)
		c.retitle(&keep, merged, gone.Title, gone.TitleDoc, idf.get)
		keep.Updated = int64(idf.n)
		c.store(&keep, merged, idf.get)
		if idf.err != nil {
			return "", nil, idf.err
		}
		if err := c.idx.Put(ctx, keep, nil); err != nil {
			return "", nil, fmt.Errorf("put story %s: %w", keep.ID, err)
		}
		if err := c.idx.Absorb(ctx, gone.ID, keep.ID); err != nil {
			return "", nil, err
		}
		absorbed = append(absorbed, gone.ID)
		st, sp = keep, profileOf(keep)
	}
	return st.ID, absorbed, nil
}

// prefers reports whether story st (profile sp) matches no story it can find
// better than partner, which it matches with similarity s.
func (c *Clusterer) prefers(ctx context.Context, st StoryState, sp profile, partner string, s float64, idf *idfTable) (bool, error) {
	alts, err := c.idx.Candidates(ctx, st.Keys, c.opt.MinSharedKeys, c.opt.Candidates)
	if err != nil {
		return false, err
	}
	aprofs, err := c.profiles(alts, idf)
	if err != nil {
		return false, err
	}
	for i, a := range alts {
		if a.ID == st.ID || a.ID == partner {
			continue
		}
		if c.similarity(sp, aprofs[i], idf.get) > s {
			return false, nil
		}
	}
	return true, nil
}

// similarity of two profiles: a weighted mean of the IDF-weighted cosines of
// content terms and entity keys, reduced when their dates lie far apart.
func (c *Clusterer) similarity(a, b profile, idf func(string) float64) float64 {
	ct := cosine(a.terms, b.terms, idf, a.termsNorm, b.termsNorm)
	s := ct
	if len(a.ents) > 0 && len(b.ents) > 0 {
		ce := cosine(a.ents, b.ents, idf, a.entsNorm, b.entsNorm)
		s = (1-c.opt.EntityWeight)*ct + c.opt.EntityWeight*ce
	}
	return s * c.dateFactor(a, b)
}

// cosine of two raw centroids under IDF weighting, given their IDF-weighted
// norms: only the keys both share are looked at.
func cosine(a, b sparse, idf func(string) float64, normA, normB float64) float64 {
	if normA == 0 || normB == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	var dot float64
	for k, v := range a {
		if u, ok := b[k]; ok {
			w := idf(k)
			dot += v * u * w * w
		}
	}
	return math.Min(1, dot/(normA*normB))
}

// norm is the IDF-weighted length of a raw centroid plus a pruned tail.
func norm(m sparse, rest float64, idf func(string) float64) float64 {
	n := rest
	for k, v := range m {
		x := v * idf(k)
		n += x * x
	}
	return math.Sqrt(n)
}

// dateFactor is 1 when the two date ranges overlap or lie within
// DateGraceDays of each other, decaying towards MinDateFactor beyond.
func (c *Clusterer) dateFactor(a, b profile) float64 {
	if a.first == "" || b.first == "" {
		return 1
	}
	gap := 0.0
	if a.first > b.last {
		gap = days(b.last, a.first)
	} else if b.first > a.last {
		gap = days(a.last, b.first)
	}
	gap -= c.opt.DateGraceDays
	if gap <= 0 {
		return 1
	}
	return math.Max(c.opt.MinDateFactor, math.Exp(-gap/c.opt.DateDecayDays))
}

func days(from, to string) float64 {
	a, err1 := time.Parse(time.DateOnly, from)
	b, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil {
		return 0
	}
	return b.Sub(a).Hours() / 24
}

// normDate keeps a YYYY-MM-DD date (the prefix of a longer timestamp), or "".
func normDate(s string) string {
	if len(s) < 10 {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, s[:10]); err != nil {
		return ""
	}
	return s[:10]
}

// combine merges two profiles into one, weighting each by its size.
func (c *Clusterer) combine(a, b profile) profile {
	out := profile{
		terms:     mergeCentroid(a.terms, a.docs, b.terms, b.docs),
		ents:      mergeCentroid(a.ents, a.docs, b.ents, b.docs),
		termsRest: mixRest(a.termsRest, a.docs, b.termsRest, b.docs),
		entsRest:  mixRest(a.entsRest, a.docs, b.entsRest, b.docs),
		names:     make(map[string]string, len(a.names)+len(b.names)),
		docs:      a.docs + b.docs,
		first:     minDate(a.first, b.first),
		last:      maxDate(a.last, b.last),
	}
	for k, v := range b.names {
		out.names[k] = v
	}
	for k, v := range a.names {
		out.names[k] = v // the bigger story's name for a key is its usual one
	}
	return out
}

// mixRest carries pruned tails through a weighted mean: the tails of two
// centroids rarely share keys, so their squared norms add.
func mixRest(ra float64, na int, rb float64, nb int) float64 {
	fa := float64(na) / float64(na+nb)
	fb := float64(nb) / float64(na+nb)
	return fa*fa*ra + fb*fb*rb
}

func minDate(a, b string) string {
	if a == "" || (b != "" && b < a) {
		return b
	}
	return a
}

func maxDate(a, b string) string {
	if b > a {
		return b
	}
	return a
}

// store writes a profile back into a bounded state with fresh blocking keys.
func (c *Clusterer) store(st *StoryState, p profile, idf func(string) float64) {
	var rt, re float64
	st.Terms, rt = prune(p.terms, idf, c.opt.TopTerms, nil)
	st.Entities, re = prune(p.ents, idf, c.opt.TopEntities, p.names)
	st.TermsRest, st.EntitiesRest = p.termsRest+rt, p.entsRest+re
	st.TermsNorm = norm(centroidOf(st.Terms), st.TermsRest, idf)
	st.EntitiesNorm = norm(centroidOf(st.Entities), st.EntitiesRest, idf)
	st.Docs = p.docs
	st.First, st.Last = p.first, p.last
	pruned := profileOf(*st)
	st.Keys = c.blockKeys(pruned, idf)
}

// blockKeys are a profile's heaviest IDF-weighted terms and entity keys.
func (c *Clusterer) blockKeys(p profile, idf func(string) float64) []string {
	weighted := func(m sparse) map[string]float64 {
		w := make(map[string]float64, len(m))
		for k, v := range m {
			w[k] = v * idf(k)
		}
		return w
	}
	keys := topKeys(weighted(p.terms), c.opt.BlockTerms)
	keys = append(keys, topKeys(weighted(p.ents), c.opt.BlockEntities)...)
	return keys
}

// retitle keeps, of the story's current title and a new candidate title, the
// one whose words match the story's centroid best: a headline that names the
// story's main terms rather than a dateline or a teaser.
func (c *Clusterer) retitle(st *StoryState, p profile, title, doc string, idf func(string) float64) {
	cur := c.titleScore(st.Title, p, idf)
	cand := c.titleScore(title, p, idf)
	st.TitleScore = cur
	if cand > cur {
		st.Title, st.TitleDoc, st.TitleScore = title, doc, cand
	}
}

func (c *Clusterer) titleScore(title string, p profile, idf func(string) float64) float64 {
	toks := tokenize(title, nil)
	raw := make(map[string]float64)
	caps, letters := 0, 0
	for _, t := range toks {
		if startsWithLetter(t.text) {
			letters++
			if t.allCaps {
				caps++
			}
		}
		if term := contentTerm(strings.ToLower(t.text), c.stems); term != "" {
			raw[term] = 1
		}
	}
	t := unitRaw(raw)
	s := cosine(t, p.terms, idf, norm(t, 0, idf), norm(p.terms, p.termsRest, idf))
	if len(raw) < 3 {
		s *= 0.5 // a dateline or a two-word teaser is a poor title
	}
	if letters > 0 && caps*2 > letters {
		s *= 0.8 // shouted headlines read badly in a list
	}
	return s
}

func profileOf(st StoryState) profile {
	p := profile{
		terms:     centroidOf(st.Terms),
		ents:      centroidOf(st.Entities),
		names:     make(map[string]string, len(st.Entities)),
		docs:      max(st.Docs, 1),
		termsRest: st.TermsRest,
		entsRest:  st.EntitiesRest,
		termsNorm: st.TermsNorm,
		entsNorm:  st.EntitiesNorm,
		first:     st.First,
		last:      st.Last,
	}
	for _, e := range st.Entities {
		if e.Name != "" {
			p.names[e.Key] = e.Name
		}
	}
	return p
}

// stateKeys lists a story's term and entity keys.
func stateKeys(st StoryState) []string {
	keys := make([]string, 0, len(st.Terms)+len(st.Entities))
	for _, w := range st.Terms {
		keys = append(keys, w.Key)
	}
	for _, w := range st.Entities {
		keys = append(keys, w.Key)
	}
	return keys
}

// storyID derives a story's id from the document that started it, so ids are
// unique without a counter and the same input gives the same ids.
func storyID(doc string) string { return "s-" + doc }
