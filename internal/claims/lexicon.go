package claims

import "strings"

// The word lists below are small closed classes of English news prose:
// reporting verbs, nouns that name a source, words that name an outlet.
// They are hand-written because no registry package ships them as data and
// they are short enough to read in one sitting; every list is compiled into
// a map once, at package initialisation.

// maxScan bounds every scan for a phrase or clause boundary, in tokens,
// so that a document without punctuation stays linear to analyse.
const maxScan = 60

// cueClass says what a reporting verb takes after it.
type cueClass uint8

const (
	cueSay    cueClass = 1 + iota // takes a clause or a quote: say, insist, predict
	cueTell                       // takes an addressee, then a clause: tell, assure, inform
	cueObject                     // takes an object described by a quote: hail, praise, call
	cueCredit                     // credit X with Y
)

type cueVerb struct {
	lemma string
	class cueClass
	// media is true for verbs outlets use of themselves (report, write, publish).
	media bool
	// base is true when this form is the bare base form, which is also a noun
	// for some verbs (a report, a claim, a note) and needs a plural subject.
	base bool
}

var cueVerbs = buildCueVerbs()

func buildCueVerbs() map[string]cueVerb {
	m := make(map[string]cueVerb, 512)
	add := func(class cueClass, media bool, lemmas string) {
		for _, l := range strings.Fields(lemmas) {
			for i, f := range verbForms(l) {
				if _, ok := m[f]; ok {
					continue
				}
				m[f] = cueVerb{lemma: l, class: class, media: media, base: i == 0}
			}
		}
	}
	add(cueSay, false, `say add insist claim state declare announce note explain predict warn suggest
		argue acknowledge admit deny confirm assert stress emphasize emphasise recall reveal allege contend
		maintain vow promise threaten urge reply respond comment remark observe conclude concede complain
		boast testify caution estimate believe recount repeat whisper shout cry answer tweet disclose
		insinuate indicate hint charge swear pledge forecast`)
	add(cueSay, true, `report write publish broadcast`)
	add(cueTell, false, `tell assure inform ask remind quote cite`)
	add(cueObject, false, `hail praise call describe dub label brand term condemn denounce criticize
		criticise slam blast accuse mock deride laud salute consider regard`)
	add(cueCredit, false, `credit`)
	return m
}

// irregular verb forms (base first), for the reporting verbs and for the
// event verbs the claim extractor reads.
var irregular = map[string][]string{
	"say":       {"say", "says", "said", "saying"},
	"tell":      {"tell", "tells", "told", "telling"},
	"write":     {"write", "writes", "wrote", "writing", "written"},
	"swear":     {"swear", "swears", "swore", "sworn", "swearing"},
	"forecast":  {"forecast", "forecasts", "forecasted", "forecasting"},
	"broadcast": {"broadcast", "broadcasts", "broadcasting"},
	"win":       {"win", "wins", "won", "winning"},
	"retake":    {"retake", "retakes", "retook", "retaken", "retaking"},
	"take":      {"take", "takes", "took", "taken", "taking"},
	"lead":      {"lead", "leads", "led", "leading"},
	"fight":     {"fight", "fights", "fought", "fighting"},
	"break":     {"break", "breaks", "broke", "broken", "breaking"},
	"flee":      {"flee", "flees", "fled", "fleeing"},
	"hold":      {"hold", "holds", "held", "holding"},
	"leave":     {"leave", "leaves", "left", "leaving"},
	"withdraw":  {"withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing"},
	"run":       {"run", "runs", "ran", "running"},
	"lose":      {"lose", "loses", "lost", "losing"},
	"fall":      {"fall", "falls", "fell", "fallen", "falling"},
	"dig":       {"dig", "digs", "dug", "digging"},
	"stand":     {"stand", "stands", "stood", "standing"},
	"shoot":     {"shoot", "shoots", "shot", "shooting"},
	"overrun":   {"overrun", "overruns", "overran", "overrunning"},
	"slay":      {"slay", "slays", "slew", "slain", "slaying"},
	"free":      {"free", "frees", "freed", "freeing"},
	"seize":     {"seize", "seizes", "seized", "seizing"},
	"begin":     {"begin", "begins", "began", "begun", "beginning"},
	"admit":     {"admit", "admits", "admitted", "admitting"},
	"slam":      {"slam", "slams", "slammed", "slamming"},
	"dub":       {"dub", "dubs", "dubbed", "dubbing"},
	"label":     {"label", "labels", "labeled", "labelled", "labeling", "labelling"},
	"quote":     {"quote", "quotes", "quoted", "quoting"},
}

// verbForms returns base, 3rd person, past, -ing forms of a regular verb
// (base form first), or the irregular table entry.
func verbForms(base string) []string {
	if f, ok := irregular[base]; ok {
		return f
	}
	var s, ed, ing string
	switch {
	case strings.HasSuffix(base, "y") && len(base) > 2 && !strings.ContainsRune("aeiou", rune(base[len(base)-2])):
		s, ed, ing = base[:len(base)-1]+"ies", base[:len(base)-1]+"ied", base+"ing"
	case strings.HasSuffix(base, "e"):
		s, ed, ing = base+"s", base+"d", base[:len(base)-1]+"ing"
	case strings.HasSuffix(base, "s") || strings.HasSuffix(base, "sh") || strings.HasSuffix(base, "ch") || strings.HasSuffix(base, "x"):
		s, ed, ing = base+"es", base+"ed", base+"ing"
	default:
		s, ed, ing = base+"s", base+"ed", base+"ing"
	}
	return []string{base, s, ed, ing}
}

func set(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// speakerNouns name people or bodies that speak. The value says whether
// the noun is plural, whether it names a person (as opposed to an
// institution) and whether it names a news outlet.
type nounInfo struct {
	plural, person, media bool
}

var speakerNouns = buildSpeakerNouns()

func buildSpeakerNouns() map[string]nounInfo {
	m := map[string]nounInfo{}
	person := func(sing, plur string) {
		for _, w := range strings.Fields(sing) {
			m[w] = nounInfo{person: true}
		}
		for _, w := range strings.Fields(plur) {
			m[w] = nounInfo{person: true, plural: true}
		}
	}
	person(`official source commander officer spokesman spokeswoman spokesperson minister analyst expert
		diplomat witness resident civilian soldier fighter militant leader member chairman chairwoman chief
		head president general colonel lieutenant captain major sergeant adviser advisor aide lawmaker
		legislator senator governor mayor ambassador envoy investigator policeman activist observer
		journalist reporter correspondent editor man woman person insider doctor medic worker cleric imam
		sheikh elder villager refugee survivor negotiator strategist secretary director deputy premier
		parliamentarian mp representative militiaman tribesman pilot resident student teacher father mother
		son daughter friend relative neighbour neighbor commentator scholar researcher monitor agent someone
		another one producer manager owner coach player lawyer attorney prosecutor judge victim driver
		passenger professor scientist nurse engineer employee spokesperson detective inspector constable
		superintendent sheriff deputy trooper firefighter paramedic economist historian author actor singer
		master farmer fisherman protester demonstrator voter citizen parent shopkeeper trader local`,
		`officials sources commanders officers spokesmen ministers analysts experts diplomats witnesses
		residents civilians soldiers fighters militants leaders members chiefs heads generals advisers
		advisors aides lawmakers legislators senators governors ambassadors envoys investigators police
		activists observers journalists reporters correspondents editors men women people persons insiders
		doctors medics workers clerics imams sheikhs elders villagers refugees survivors negotiators
		strategists militiamen tribesmen pilots students teachers relatives neighbours neighbors commentators
		scholars researchers monitors agents others some many several troops producers managers owners
		lawyers attorneys prosecutors judges victims drivers passengers scientists nurses engineers employees
		staff detectives investigators firefighters paramedics economists historians authors residents
		farmers fishermen protesters demonstrators voters citizens parents families shopkeepers traders locals`)
	inst := func(words string, plural bool) {
		for _, w := range strings.Fields(words) {
			m[w] = nounInfo{plural: plural}
		}
	}
	inst(`government ministry army military administration authority council parliament committee
		office department command coalition alliance movement group organization organisation party
		regime cabinet court agency embassy pentagon kremlin presidency militia force navy company firm
		club team league academy university school hospital commission board union bank studio`, false)
	inst(`authorities forces militias governments ministries armies`, true)
	media := func(words string, plural bool) {
		for _, w := range strings.Fields(words) {
			m[w] = nounInfo{plural: plural, media: true}
		}
	}
	media(`newspaper paper daily magazine journal channel broadcaster network station website site
		outlet tabloid report statement service wire blog media press television radio`, false)
	media(`newspapers reports statements media outlets channels`, true)
	return m
}

// outletWords are capitalised words that mark a name as a news outlet's.
var outletWords = set(`Journal Times Post News Agency TV Press Daily Telegraph Reuters AP AFP BBC CNN NBC CBS
	ABC Fox MSNBC NPR Guardian Herald Tribune Gazette Chronicle Observer Independent Standard Mirror
	Express Sun Monitor Review Magazine Newsweek Time Economist Bloomberg Beast Politico Axios Wire
	Al-Jazeera Jazeera Arabiya IRNA ISNA Tasnim Fars Xinhua TASS RIA Sputnik RT Haaretz Ynet Dispatch
	Insider Examiner Inquirer Courier Register Bulletin Broadcasting Radio Television Channel Network
	Online Report Breitbart HuffPost Vox Slate Salon Atlantic Newsroom Correspondent Mail Star`)

// titles are words that may precede a name and are not part of it.
var titles = set(`general gen. gen lieutenant lt. lt major maj. colonel col. captain capt. sergeant brigadier
	admiral commander president vice prime minister foreign defense defence interior secretary ayatollah
	grand sheikh sheik imam sayyid seyyed sayed mr. mr mrs. mrs ms. ms dr. dr prof. professor sir lord
	king queen prince princess emir crown supreme leader chairman senator sen. rep. representative
	governor gov. mayor judge justice pope cardinal bishop rabbi field marshal chief deputy former late
	then spokesman ambassador`)

// determiners that make a descriptor indefinite, hence an anonymous source.
var indefinite = set(`a an one another some several many two three four five dozens numerous various
	other others certain few most`)

var determiners = set(`a an the one another some several many two three four five this that these those
	his her its their our my your certain other few most all both each every any no top senior`)

// prepositions stop a noun phrase when scanning; "of" does not.
var prepositions = set(`in on at to with by from for into onto about against during after before since
	under over through near behind among amongst without within across via like as than around
	between toward towards upon off out along beside besides beyond despite except inside outside
	throughout until unlike amid amidst per alongside beneath aboard atop underneath`)

// clauseWords open a subordinate or coordinate clause: a subject noun
// phrase does not cross them.
var clauseWords = set(`and but or while whereas because when whenever although though if unless since
	as so what where why how whether yet nor then after before once until that which who whom whose`)

// pronouns that can stand for a speaker.
var pronounSpeakers = map[string]nounInfo{
	"he": {person: true}, "she": {person: true}, "they": {person: true, plural: true},
	"it": {}, "we": {person: true, plural: true}, "i": {person: true},
}

// auxiliaries and adverbs that may stand between a subject and its verb.
var verbPrefix = set(`has have had also even then recently reportedly later earlier further previously
	once openly repeatedly publicly privately confidently falsely again already would will could did
	does do is was were are been be not n't never often first only still just allegedly quickly
	immediately initially subsequently separately similarly angrily flatly explicitly clearly simply
	frankly bluntly proudly officially formally famously reportedly shall should may might must can
	indeed last`)

// auxiliaries and copulas: finite verbs that tell a noun phrase is a subject.
var auxiliaries = set(`is was are were be been being am has have had having will would shall should can
	could may might must do does did`)

// commonVerbs are frequent finite verbs whose form does not end in -ed,
// used to tell a clause from a noun phrase.
var commonVerbs = set(`began begins took takes gave gives made makes went goes came comes saw sees knew
	knows thought thinks found finds got gets kept keeps left leaves held holds led leads sent sends
	brought brings stood stands fought fights won wins lost loses fell falls ran runs met meets paid
	pays built builds bought buys caught catches chose chooses drew draws drove drives ate eats flew
	flies forgot forgets grew grows hid hides hit hits hurt hurts lay lies lent lends let lets meant
	means put puts read reads rode rides rose rises sat sits shot shoots showed shows shut shuts sang
	sings slept sleeps spoke speaks spent spends spread spreads struck strikes swept sweeps taught teaches
	tore tears threw throws understood understands woke wakes wore wears wrote writes sought seeks fled
	flees broke breaks became becomes remains remain seems seem needs need wants want has have helps
	help plans plan hopes hope continues continue tries try uses use works work lives live controls
	control supports support provides provide includes include operate operates exist exists`)

// negators flip the polarity of what follows them.
var negators = set(`not n't never no cannot nor neither`)

// pluralPronounHeads for "they" resolution: descriptor heads count as plural by the noun table.

func isTitle(low string) bool { return titles[low] }
