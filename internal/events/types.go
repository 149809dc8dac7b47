package events

// Event types. They are the values of model.EventMention.Type and
// model.Event.Type.
const (
	Attack      = "attack"       // attack, assault, offensive, raid, invasion
	Battle      = "battle"       // battle, fight for, clashes, operation in
	Siege       = "siege"        // siege, besiege, blockade
	SiegeBroken = "siege_broken" // break or lift a siege
	Liberation  = "liberation"   // liberate, retake, recapture, regain
	Retreat     = "retreat"      // retreat, withdraw, pull out
	Fall        = "fall"         // fall of a town, overrun
	Capture     = "capture"      // capture, seize, take control (either side)
	Defence     = "defence"      // defend, repel, hold off
	Strike      = "strike"       // air strike, drone strike, bombing
	Killing     = "killing"      // kill, assassinate, martyr, execute
	Statement   = "statement"    // declare, announce, statement
	Visit       = "visit"        // visit
	Meeting     = "meeting"      // meet, talks, summit
)

// Families group types that can describe one real-world event.
const (
	famCombat = iota // fighting over a place
	famKilling
	famStatement
	famVisit
)

// typeInfo is what the merger and the summariser know about a type.
type typeInfo struct {
	family int
	// rank orders types by how much they say about the outcome; a merged
	// event takes the type of its highest-ranked report.
	rank int
	// summary is a fmt pattern for "<what> of <place>".
	summary string
}

var types = map[string]typeInfo{
	Killing:     {famKilling, 100, "Killing of %s"},
	SiegeBroken: {famCombat, 90, "Siege of %s broken"},
	Liberation:  {famCombat, 85, "Liberation of %s"},
	Fall:        {famCombat, 80, "Fall of %s"},
	Capture:     {famCombat, 70, "Capture of %s"},
	Retreat:     {famCombat, 60, "Retreat from %s"},
	Siege:       {famCombat, 55, "Siege of %s"},
	Defence:     {famCombat, 50, "Defence of %s"},
	Battle:      {famCombat, 45, "Battle of %s"},
	Strike:      {famCombat, 40, "Strike on %s"},
	Attack:      {famCombat, 35, "Attack on %s"},
	Visit:       {famVisit, 30, "Visit to %s"},
	Meeting:     {famVisit, 25, "Meeting in %s"},
	Statement:   {famStatement, 20, "Statement in %s"},
}

// Types lists the event types, highest rank first.
func Types() []string {
	return []string{Killing, SiegeBroken, Liberation, Fall, Capture, Retreat, Siege, Defence, Battle, Strike, Attack, Visit, Meeting, Statement}
}

// outcome types say who holds the place after the event; the two sides
// exclude each other, so a "fall" and a "liberation" of one town are two
// events even when their times overlap.
func opposed(a, b string) bool {
	win := func(t string) bool { return t == Liberation || t == SiegeBroken }
	return win(a) && b == Fall || win(b) && a == Fall
}

// compatible reports whether reports of types a and b can be one event.
// Killings without a named victim (casualty counts) belong to the fighting
// they happened in, so they are compatible with the combat family.
func compatible(a, b string) bool {
	if a == b {
		return true
	}
	ia, oka := types[a]
	ib, okb := types[b]
	if !oka || !okb {
		return false
	}
	if ia.family == famKilling || ib.family == famKilling {
		other := ia
		if ia.family == famKilling {
			other = ib
		}
		return other.family == famCombat
	}
	if ia.family != ib.family {
		return false
	}
	return !opposed(a, b)
}

func rankOf(t string) int { return types[t].rank }

// outcome types say the place changed hands.
func outcome(t string) bool {
	return t == Liberation || t == Capture || t == Fall || t == SiegeBroken
}

// Type indexes and compatibility masks, for the merger's inner loop.
var (
	typeList   = Types()
	typeIndex  = map[string]int{}
	compatMask []uint32 // compatMask[i] has bit j when types i and j are compatible
)

func init() {
	for i, t := range typeList {
		typeIndex[t] = i
	}
	compatMask = make([]uint32, len(typeList))
	for i, a := range typeList {
		for j, b := range typeList {
			if compatible(a, b) {
				compatMask[i] |= 1 << j
			}
		}
	}
}
