package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/parallaxhq/parallax/internal/ingest"
	"github.com/parallaxhq/parallax/internal/store"
)

// This file is the pipeline as `parallax worker` runs it: documents arrive
// in batches from a queue, several processes analyse them at once, and
// each batch is committed on its own. The analysis runs in parallel; what
// depends on the order of documents (duplicates, near-duplicate links,
// story assignment) and the corpus-wide stages run under the store's
// corpus lock, one holder at a time over every process.

// CorpusLock is the store.Store.Exclusive lock the corpus stages run under.
const CorpusLock = "corpus"

// Meta keys kept by this file.
const (
	// metaPendingStories lists the ids of the batch whose documents were
	// being written and filed under stories, until that is done: a
	// worker killed between its commit and its story assignment leaves it
	// behind, and the next holder of the corpus lock finishes the job.
	metaPendingStories = "pipeline.pending_stories"
	// metaAnalysedDocs is how many documents the last AnalyzeCorpus saw.
	metaAnalysedDocs = "pipeline.analysed_documents"
)

// ProcessItem runs p on one raw item, turning a panic in any stage into an
// error that names the input, as Run does for each of its documents.
func ProcessItem(p Processor, it ingest.Item) (store.DocumentRecord, error) {
	return safeProcess(p, it)
}

// BatchReport is what CommitBatch did with one batch.
type BatchReport struct {
	Added          int `json:"added"`
	Duplicates     int `json:"duplicates"`
	NearDuplicates int `json:"near_duplicates"`
	// Documents are the ids of the batch's documents, in order.
	Documents []string `json:"documents"`
	// LockWait is how long the batch waited for the corpus lock, and
	// Locked how long it held it: with several workers, Locked summed over
	// batches bounds the throughput.
	LockWait time.Duration `json:"-"`
	Locked   time.Duration `json:"-"`
}

// CommitBatch writes analysed records the way Run writes each of its
// batches: a document already stored (or earlier in recs) only has its
// source remembered; a new one is linked to an earlier near-duplicate, the
// new ones are written in one transaction (PutDocuments), and then filed
// under stories (corpus.AfterCommit; skipped when corpus is nil).
//
// All of it runs under the corpus lock, so that batches committed by
// several workers at once take turns and each sees every document
// committed before it, as in a single process. Analysis, the expensive
// part, happens before, outside the lock.
//
// CommitBatch is idempotent: calling it again with the same records (a
// redelivered batch, a retry after the store came back) adds nothing. If a
// process dies after the write but before the stories, the next
// CommitBatch or AnalyzeCorpus on the store files the orphans.
func CommitBatch(ctx context.Context, st store.Store, corpus *Corpus, recs []store.DocumentRecord) (BatchReport, error) {
	var rep BatchReport
	asked := time.Now()
	var got time.Time
	err := st.Exclusive(ctx, CorpusLock, func(ctx context.Context) error {
		got = time.Now()
		rep = BatchReport{Documents: make([]string, 0, len(recs))}
		if corpus != nil {
			if err := finishStories(ctx, st, corpus); err != nil {
				return err
			}
		}
		var batch []store.DocumentRecord
		inBatch := map[string]bool{}
		for _, r := range recs {
			id := r.Doc.ID
			rep.Documents = append(rep.Documents, id)
			if inBatch[id] {
				rep.Duplicates++
				continue
			}
			has, err := st.HasDocument(ctx, id)
			if err != nil {
				return fmt.Errorf("look up %s: %w", r.Doc.Source, err)
			}
			if has {
				rep.Duplicates++
				if err := st.AddSource(ctx, id, r.Doc.Source); err != nil {
					return fmt.Errorf("add source %s: %w", r.Doc.Source, err)
				}
				continue
			}
			if r.Doc.NearDuplicateOf == "" && len(r.Bands) > 0 {
				near, err := nearDuplicate(ctx, st, batch, r)
				if err != nil {
					return fmt.Errorf("near duplicates of %s: %w", r.Doc.Source, err)
				}
				if near != "" {
					r.Doc.NearDuplicateOf = near
					rep.NearDuplicates++
				}
			}
			inBatch[id] = true
			batch = append(batch, r)
		}
		if len(batch) == 0 {
			return nil
		}
		if corpus != nil {
			ids, err := json.Marshal(idsOf(batch))
			if err != nil {
				return err
			}
			if err := st.SetMeta(ctx, metaPendingStories, string(ids)); err != nil {
				return fmt.Errorf("mark batch: %w", err)
			}
		}
		added, err := st.PutDocuments(ctx, batch)
		if err != nil {
			return fmt.Errorf("write batch ending at %s: %w", batch[len(batch)-1].Doc.Source, err)
		}
		rep.Added = added
		if corpus == nil {
			return nil
		}
		if err := corpus.AfterCommit(ctx, st, batch); err != nil {
			return err
		}
		return st.SetMeta(ctx, metaPendingStories, "")
	})
	if !got.IsZero() {
		rep.LockWait, rep.Locked = got.Sub(asked), time.Since(got)
	}
	return rep, err
}

func idsOf(recs []store.DocumentRecord) []string {
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.Doc.ID
	}
	return ids
}

// finishStories files under stories the documents of a batch whose writer
// stopped between committing it and assigning its stories. The caller
// holds the corpus lock.
func finishStories(ctx context.Context, st store.Store, corpus *Corpus) error {
	raw, err := st.Meta(ctx, metaPendingStories)
	if err != nil || raw == "" {
		return err
	}
	var ids []string
	if err := json.Unmarshal([]byte(raw), &ids); err != nil {
		return fmt.Errorf("meta %s: %w", metaPendingStories, err)
	}
	members, err := st.StoryMembers(ctx)
	if err != nil {
		return err
	}
	filed := map[string]bool{}
	for _, docs := range members {
		for _, d := range docs {
			filed[d] = true
		}
	}
	var orphans []store.DocumentRecord
	for _, id := range ids {
		if filed[id] {
			continue
		}
		d, err := st.Document(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			continue // the batch was never committed
		}
		if err != nil {
			return fmt.Errorf("read %s to file its story: %w", id, err)
		}
		orphans = append(orphans, store.DocumentRecord{Doc: d})
	}
	if len(orphans) > 0 {
		if err := corpus.AfterCommit(ctx, st, orphans); err != nil {
			return fmt.Errorf("file the stories of an interrupted batch: %w", err)
		}
	}
	return st.SetMeta(ctx, metaPendingStories, "")
}

// AnalyzeCorpus runs the corpus-wide stages (corpus.Run) under the corpus
// lock, after filing the stories of any interrupted batch, and records how
// many documents it analysed. It does nothing (and returns false) on an
// empty store, and, with onlyIfChanged, when the store holds as many
// documents as the last AnalyzeCorpus saw: a worker polling an idle queue uses that so that
// several of them do not repeat the same analysis.
func AnalyzeCorpus(ctx context.Context, st store.Store, corpus *Corpus, onlyIfChanged bool) (ran bool, err error) {
	err = st.Exclusive(ctx, CorpusLock, func(ctx context.Context) error {
		n, err := st.CountDocuments(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return nil // nothing to analyse (resolution refuses an empty corpus)
		}
		if onlyIfChanged {
			last, err := st.Meta(ctx, metaAnalysedDocs)
			if err != nil {
				return err
			}
			if last == strconv.Itoa(n) {
				return nil
			}
		}
		if err := finishStories(ctx, st, corpus); err != nil {
			return err
		}
		if err := corpus.Run(ctx, st); err != nil {
			return err
		}
		ran = true
		return st.SetMeta(ctx, metaAnalysedDocs, strconv.Itoa(n))
	})
	return ran, err
}
