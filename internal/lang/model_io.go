package lang

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
)

const modelMagic = "parallax-ner v1\n"

// ErrModelFormat reports a model file that is not a parallax NER model or
// does not fit the resources (gazetteer, clusters) built into this binary.
var ErrModelFormat = errors.New("bad NER model file")

type modelHeader struct {
	HashBits   uint8      `json:"hash_bits"`
	Tags       []string   `json:"tags"`
	Features   featureSet `json:"features"`
	Viterbi    bool       `json:"viterbi"`
	LexTrans   bool       `json:"lexical_transitions,omitempty"`
	Second     bool       `json:"second_order"`
	Scale      float32    `json:"scale"`
	Gazetteer  string     `json:"gazetteer,omitempty"` // fingerprint of the gazetteer trained with
	Clusters   string     `json:"clusters,omitempty"`  // fingerprint of the clusters trained with
	NonZeroRow int        `json:"rows"`
}

// WriteTo writes the model in its compact binary form: a magic line, then
// a DEFLATE stream with a JSON header and the non-zero weight rows as
// delta-coded row numbers and zig-zag varint weights. The bytes depend only
// on the weights, so the same training run gives the same file.
func (m *NERModel) WriteTo(w io.Writer) (int64, error) {
	if m.w16 == nil {
		return 0, fmt.Errorf("write ner model: %w: model is not quantised", ErrModelFormat)
	}
	n := len(m.tags)
	rows := 0
	for b := 0; b < len(m.w16)/n; b++ {
		if !zeroRow(m.w16[b*n : (b+1)*n]) {
			rows++
		}
	}
	h := modelHeader{HashBits: m.hashBits, Tags: m.tags, Features: m.feats, Viterbi: m.viterbi, LexTrans: m.lexTrans, Second: m.second, Scale: m.scale, NonZeroRow: rows}
	if m.feats.Gazetteer {
		h.Gazetteer = defaultGazetteer().fingerprint
	}
	if m.feats.Clusters {
		h.Clusters = defaultClusters().fingerprint
	}
	var buf bytes.Buffer
	buf.WriteString(modelMagic)
	zw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	hj, _ := json.Marshal(h)
	bw.Write(hj)
	bw.WriteByte('\n')
	var tmp [binary.MaxVarintLen64]byte
	last := -1
	for b := 0; b < len(m.w16)/n; b++ {
		row := m.w16[b*n : (b+1)*n]
		if zeroRow(row) {
			continue
		}
		bw.Write(tmp[:binary.PutUvarint(tmp[:], uint64(b-last))])
		last = b
		for _, v := range row {
			bw.Write(tmp[:binary.PutVarint(tmp[:], int64(v))])
		}
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	k, err := w.Write(buf.Bytes())
	if err != nil {
		return int64(k), fmt.Errorf("write ner model: %w", err)
	}
	return int64(k), nil
}

func zeroRow(row []int16) bool {
	for _, v := range row {
		if v != 0 {
			return false
		}
	}
	return true
}

// ReadNERModel reads a model written by WriteTo. It fails when the model was
// trained with a gazetteer or word clusters other than the ones built into
// this binary, since its weights would then mean nothing.
func ReadNERModel(r io.Reader) (*NERModel, error) {
	br := bufio.NewReader(r)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, fmt.Errorf("read ner model: %w: missing header", ErrModelFormat)
	}
	zr := bufio.NewReader(flate.NewReader(br))
	line, err := zr.ReadBytes('\n')
	if err != nil {
		return nil, fmt.Errorf("read ner model header: %w", err)
	}
	var h modelHeader
	if err := json.Unmarshal(line, &h); err != nil {
		return nil, fmt.Errorf("read ner model header: %w: %v", ErrModelFormat, err)
	}
	if h.HashBits < 10 || h.HashBits > 26 || len(h.Tags) == 0 || len(h.Tags) > 16 || h.Tags[0] != "O" || !(h.Scale > 0) || math.IsInf(float64(h.Scale), 0) {
		return nil, fmt.Errorf("read ner model: %w: bad header %s", ErrModelFormat, line)
	}
	if h.Features.Gazetteer && h.Gazetteer != defaultGazetteer().fingerprint {
		return nil, fmt.Errorf("read ner model: %w: trained with gazetteer %s, this build has %s", ErrModelFormat, h.Gazetteer, defaultGazetteer().fingerprint)
	}
	if h.Features.Clusters && h.Clusters != defaultClusters().fingerprint {
		return nil, fmt.Errorf("read ner model: %w: trained with clusters %s, this build has %s", ErrModelFormat, h.Clusters, defaultClusters().fingerprint)
	}
	m := &NERModel{hashBits: h.HashBits, tags: h.Tags, feats: h.Features, viterbi: h.Viterbi, lexTrans: h.LexTrans, second: h.Second, scale: h.Scale}
	for _, t := range m.tags {
		if !validTag(t) {
			return nil, fmt.Errorf("read ner model: %w: tag %q", ErrModelFormat, t)
		}
	}
	m.initTags()
	n := len(m.tags)
	buckets := 1 << h.HashBits
	m.w16 = make([]int16, buckets*n)
	b := -1
	for i := 0; i < h.NonZeroRow; i++ {
		d, err := binary.ReadUvarint(zr)
		if err != nil {
			return nil, fmt.Errorf("read ner model row %d: %w", i, err)
		}
		if d == 0 || d > uint64(buckets) || b+int(d) >= buckets {
			return nil, fmt.Errorf("read ner model row %d: %w: bucket out of range", i, ErrModelFormat)
		}
		b += int(d)
		for t := 0; t < n; t++ {
			v, err := binary.ReadVarint(zr)
			if err != nil {
				return nil, fmt.Errorf("read ner model row %d: %w", i, err)
			}
			if v < math.MinInt16 || v > math.MaxInt16 {
				return nil, fmt.Errorf("read ner model row %d: %w: weight out of range", i, ErrModelFormat)
			}
			m.w16[b*n+t] = int16(v)
		}
	}
	m.fast = newFastTagger(m)
	return m, nil
}
