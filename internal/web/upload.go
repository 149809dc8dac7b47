package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallaxhq/parallax/internal/ingest"
	"github.com/parallaxhq/parallax/internal/pipeline"
	"github.com/parallaxhq/parallax/internal/store"
)

// uploadInfo is GET /api/ingest: whether uploads are allowed and their limits.
type uploadInfo struct {
	OK             bool     `json:"ok"`
	ReadOnly       bool     `json:"read_only"`
	Field          string   `json:"field"`
	MaxUploadBytes int64    `json:"max_upload_bytes"`
	MaxFiles       int      `json:"max_files"`
	Formats        []string `json:"formats"`
	// CSRF is set on the page when the browser is logged in (not in JSON).
	CSRF     string `json:"-"`
	LoggedIn bool   `json:"-"`
}

func (s *Server) uploadInfo(c *call) (any, error) {
	return uploadInfo{OK: true, ReadOnly: s.ReadOnly(), Field: "file", MaxUploadBytes: s.opts.MaxUploadBytes, MaxFiles: s.opts.MaxUploadFiles,
		Formats: []string{"text", "html", "jsonl", "warc", "warc.gz", "rss", "atom", "gzip of any of these"},
		CSRF:    s.auth.csrfToken(c.r), LoggedIn: s.auth.loggedIn(c.r)}, nil
}

// ingestResponse is what POST /api/ingest answers.
type ingestResponse struct {
	OK     bool            `json:"ok"`
	Files  []string        `json:"files"`
	Report pipeline.Report `json:"report"`
}

// ingest receives an upload into a fresh temporary directory the server
// names itself (a file keeps only a cleaned leaf of its name, for its
// extension and for people), ingests it and removes the directory.
func (s *Server) ingest(c *call) (any, error) {
	if !s.ingestMu.TryLock() {
		return nil, errorf(http.StatusConflict, "another upload is being ingested; try again when it is done")
	}
	defer s.ingestMu.Unlock()
	ct, _, _ := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		return nil, errorf(http.StatusUnsupportedMediaType, "send the files as multipart/form-data, field %q", "file")
	}
	mr, err := c.r.MultipartReader()
	if err != nil {
		return nil, errorf(http.StatusBadRequest, "bad multipart body: %v", err)
	}
	dir, err := os.MkdirTemp("", "parallax-upload-*")
	if err != nil {
		return nil, fmt.Errorf("upload directory: %w", err)
	}
	defer os.RemoveAll(dir)
	var files []string
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, uploadErr(err)
		}
		if part.FormName() != "file" {
			io.Copy(io.Discard, part)
			part.Close()
			continue
		}
		if len(files) == s.opts.MaxUploadFiles {
			return nil, errorf(http.StatusRequestEntityTooLarge, "at most %d files per upload", s.opts.MaxUploadFiles)
		}
		name := fmt.Sprintf("%03d-%s", len(files)+1, safeName(part.FileName()))
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, fmt.Errorf("upload file: %w", err)
		}
		_, err = io.Copy(f, part)
		part.Close()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, uploadErr(err)
		}
		files = append(files, "upload/"+name)
	}
	if len(files) == 0 {
		return nil, errorf(http.StatusBadRequest, "no file in the upload (multipart field %q)", "file")
	}
	run := s.opts.Ingest
	if run == nil {
		run = defaultIngest
	}
	rep, err := run(c.r.Context(), s.st, dir)
	if err != nil {
		return nil, fmt.Errorf("ingest upload: %w", err)
	}
	for i := range rep.Failures {
		rep.Failures[i].Source = uploadSource(dir, rep.Failures[i].Source)
	}
	if rep.Failed > 0 && rep.Added+rep.Duplicates == 0 {
		var why []string
		for _, f := range rep.Failures {
			why = append(why, f.Source+": "+f.Reason)
		}
		return nil, errorf(http.StatusUnprocessableEntity, "nothing could be ingested: %s", clipString(strings.Join(why, "; "), 2000))
	}
	return ingestResponse{OK: true, Files: files, Report: rep}, nil
}

// bodyErr reports a request body that could not be read: too large (413)
// or malformed (400).
func bodyErr(what string, err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return errorf(http.StatusBadRequest, "bad %s: %v", what, err)
}

func uploadErr(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return errorf(http.StatusBadRequest, "reading the upload: %v", err)
}

// safeName keeps the letters, digits, dots, dashes and underscores of the
// last element of a client's file name, so that the extension still hints
// at the format; it can never name a path.
func safeName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 80 {
			break
		}
	}
	out := strings.TrimLeft(b.String(), ".")
	if out == "" {
		return "upload"
	}
	return out
}

// uploadSource names an uploaded file "upload/NAME" instead of its
// temporary path.
func uploadSource(dir, src string) string {
	if rest, ok := strings.CutPrefix(src, dir+string(filepath.Separator)); ok {
		return "upload/" + filepath.ToSlash(rest)
	}
	return src
}

// uploadProcessor renames the sources of uploaded items before analysis.
type uploadProcessor struct {
	next pipeline.Processor
	dir  string
}

func (u uploadProcessor) Process(it ingest.Item) (store.DocumentRecord, error) {
	it.Source = uploadSource(u.dir, it.Source)
	return u.next.Process(it)
}

// noNetwork refuses every fetch: an uploaded URL list must not make the
// server reach out.
type noNetwork struct{}

func (noNetwork) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, errors.New("fetching URLs is disabled for uploads; ingest URL lists with the CLI")
}

func defaultIngest(ctx context.Context, st store.Store, dir string) (pipeline.Report, error) {
	opts := pipeline.DefaultOptions()
	opts.Ingest.Client = &http.Client{Transport: noNetwork{}}
	return pipeline.Run(ctx, st, uploadProcessor{next: pipeline.NewAnalyzer(), dir: dir}, pipeline.NewCorpus(), []string{dir}, opts)
}
