package pipeline

import (
	"strings"

	"github.com/parallaxhq/parallax/internal/clean"
	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/resolve"
)

// entitiesStage groups the document's mentions into its local entities
// (resolve.LocalEntities: the within-document step of resolution, which
// reads cues in the text) and finds the names in lines cleaning removed.
// The corpus stage then resolves entities across documents from these
// groups, without the texts.
type entitiesStage struct{}

func (entitiesStage) Name() string { return "entities" }

func (entitiesStage) Analyze(d *model.Document, a *model.Analysis) error {
	names, err := kbNames()
	if err != nil {
		return err
	}
	aside, lines := asideMentions(d.Removed, names)
	dm := resolve.DocMentions{Doc: d.ID, Text: d.Text, Mentions: a.Mentions, Aside: aside, Lines: lines}
	groups, err := resolve.LocalEntities(dm, resolve.DefaultOptions())
	if err != nil {
		return err
	}
	a.Aside, a.AsideLines = nil, nil
	for _, m := range aside {
		a.Aside = append(a.Aside, m.Mention)
		a.AsideLines = append(a.AsideLines, m.Line)
	}
	a.LocalEntities = groups
	return nil
}

// asideReasons are the removal reasons of lines that are read for names:
// they were cut from the article's text but still name what it speaks of
// (related posts, image credits, bylines). Interface text, counters and
// dates name nothing; duplicates and other-language lines are left out.
var asideReasons = map[string]bool{
	clean.ReasonRelatedLinks: true,
	clean.ReasonImageCredit:  true,
	clean.ReasonByline:       true,
}

// minAsideWords is the fewest words a removed line needs to be read: a
// heading such as "Similar post" or "Related Articles" is no sentence.
const minAsideWords = 4

// asideMentions finds the mentions in a document's removed lines (see
// resolve.DocMentions.Aside). Lines is the removed lines' text, indexed as
// Removed. The lines are analysed one by one, each as a text of its own.
func asideMentions(removed []model.RemovedLine, names lang.NameOptions) ([]resolve.AsideMention, []string) {
	var out []resolve.AsideMention
	var lines []string
	for i, rl := range removed {
		if !asideReasons[rl.Reason] || len(strings.Fields(rl.Line)) < minAsideWords {
			continue
		}
		if lines == nil {
			lines = make([]string, len(removed))
			for j := range removed {
				lines[j] = removed[j].Line
			}
		}
		for _, m := range lang.AnalyzeNames(rl.Line, names).Mentions {
			out = append(out, resolve.AsideMention{Line: i, Mention: m})
		}
	}
	return out, lines
}
