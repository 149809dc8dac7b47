package clean

// The vocabularies below are words, not seed strings: what a page's furniture
// (share bars, comment boxes, ad-block notices, related-post lists, counters)
// is made of in English news sites. A line is judged by how much of it is
// furniture, never by matching a whole sentence.

// uiWeight is how strongly a word marks page furniture: 2 for words that
// almost never carry article content on a short line, 1 for words that do so
// only in company.
var uiWeight = map[string]int{
	// strong
	"share": 2, "shares": 2, "shared": 1, "subscribe": 2, "subscribed": 2, "subscription": 2, "subscriber": 2, "subscribers": 2,
	"unsubscribe": 2, "newsletter": 2, "newsletters": 2, "advertisement": 2, "advertisements": 2, "advert": 2,
	"adverts": 2, "ads": 2, "adblock": 2, "adblocker": 2, "blocker": 2, "cookie": 2, "cookies": 2,
	"login": 2, "logout": 2, "signup": 2, "comment": 2, "comments": 2, "commenting": 2, "facebook": 2,
	"twitter": 2, "whatsapp": 2, "telegram": 2, "pinterest": 2, "linkedin": 2, "reddit": 2, "instagram": 2,
	"tweet": 2, "retweet": 2, "rss": 2, "visits": 2, "views": 2, "copyright": 2, "sponsored": 2,
	"promoted": 2, "related": 2, "password": 2, "username": 2, "captcha": 2, "javascript": 2, "popup": 2,
	"disclaimer": 2, "email": 2, "e-mail": 2, "printable": 2, "bookmark": 2, "permalink": 2, "hashtag": 2,
	"©": 2,
	// weak
	"send": 1, "friend": 1, "friends": 1, "click": 1, "tap": 1, "here": 1, "button": 1, "top": 1, "back": 1,
	"next": 1, "previous": 1, "prev": 1, "more": 1, "read": 1, "continue": 1, "reading": 1, "source": 1,
	"article": 1, "articles": 1, "post": 1, "posts": 1, "similar": 1, "also": 1, "like": 1, "likes": 1,
	"follow": 1, "sign": 1, "register": 1, "account": 1, "please": 1, "support": 1, "supporting": 1,
	"disable": 1, "disabling": 1, "enable": 1, "detected": 1, "ad": 1, "home": 1, "page": 1, "tags": 1,
	"tag": 1, "category": 1, "categories": 1, "loading": 1, "download": 1, "app": 1, "reply": 1,
	"replies": 1, "rights": 1, "reserved": 1, "terms": 1, "privacy": 1, "policy": 1, "contact": 1,
	"search": 1, "print": 1, "menu": 1, "skip": 1, "view": 1, "visit": 1, "website": 1, "browser": 1,
	"notifications": 1, "alerts": 1, "inbox": 1, "stories": 1,
	"recommended": 1, "popular": 1, "trending": 1, "latest": 1, "news": 1, "link": 1, "links": 1,
	"updated": 1, "posted": 1, "published": 1, "author": 1, "editor": 1, "photo": 1,
	"photos": 1, "video": 1, "videos": 1, "gallery": 1, "watch": 1, "listen": 1, "podcast": 1,
}

// counterNouns are what sites count next to an article.
var counterNouns = map[string]bool{
	"visit": true, "visits": true, "view": true, "views": true, "comment": true, "comments": true,
	"like": true, "likes": true, "share": true, "shares": true, "read": true, "reads": true,
	"reply": true, "replies": true, "response": true, "responses": true, "vote": true, "votes": true,
	"hit": true, "hits": true, "reader": true, "readers": true, "reaction": true, "reactions": true,
	"min": true, "mins": true, "minute": true, "minutes": true, // "5 min read"
}

// relatedCore are the words that make a short heading introduce a list of
// other articles ("Related Articles", "Similar post", "You may also like").
var relatedCore = map[string]bool{
	"related": true, "similar": true, "recommended": true, "popular": true, "trending": true,
	"also": true, "more": true, "miss": true, "latest": true, "next": true, "other": true,
	"further": true, "suggested": true, "top": true,
}

// relatedFiller may stand beside relatedCore words in such a heading.
var relatedFiller = map[string]bool{
	"read": true, "reading": true, "see": true, "stories": true, "story": true, "posts": true,
	"post": true, "articles": true, "article": true, "news": true, "you": true, "may": true,
	"might": true, "like": true, "don't": true, "dont": true, "do": true, "not": true, "topics": true,
	"editor's": true, "editors": true, "picks": true, "headlines": true, "links": true, "watch": true,
	"up": true, "content": true, "on": true, "from": true, "the": true, "this": true, "in": true,
	"of": true, "web": true, "around": true, "site": true, "videos": true, "reads": true, "must": true,
	"must-read": true, "for": true, "your": true, "and": true, "coverage": true, "items": true,
}

// relatedPrefixes open a one-line pointer to another article ("READ MORE: ...").
var relatedPrefixes = []string{
	"related", "read more", "see more", "see also", "also read", "read also", "more", "don't miss",
	"dont miss", "recommended", "trending", "popular", "watch", "more from", "more on", "read next",
	"up next", "further reading", "also see", "suggested", "you may also like", "you might also like",
}

// creditWords mark a picture credit.
var creditWords = map[string]bool{
	"images": true, "image": true, "photo": true, "photos": true, "photograph": true, "photography": true,
	"credit": true, "credits": true, "getty": true, "shutterstock": true, "reuters": true, "afp": true,
	"epa": true, "courtesy": true, "pictures": true, "picture": true, "istock": true, "istockphoto": true,
	"alamy": true, "pool": true, "file": true, "ap": true, "sipa": true, "anadolu": true, "xinhua": true,
	"illustration": true, "handout": true, "wikimedia": true, "commons": true, "flickr": true,
}

// readerWords address the reader, as widgets do ("Please let us know").
var readerWords = map[string]bool{"you": true, "your": true, "you're": true, "you’re": true, "please": true, "us": true, "we": true, "our": true}

// stopWords are English function words; they count neither for nor against furniture.
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "to": true, "of": true, "in": true, "on": true, "at": true,
	"for": true, "from": true, "by": true, "with": true, "and": true, "or": true, "but": true, "is": true,
	"are": true, "was": true, "were": true, "be": true, "been": true, "it": true, "its": true, "this": true,
	"that": true, "these": true, "those": true, "as": true, "if": true, "so": true, "us": true, "we": true,
	"our": true, "you": true, "your": true, "you're": true, "you’re": true, "i": true, "my": true, "me": true,
	"let": true, "not": true, "no": true, "all": true, "any": true, "up": true, "out": true, "into": true,
	"about": true, "than": true, "then": true, "there": true, "their": true, "they": true, "he": true,
	"she": true, "his": true, "her": true, "has": true, "have": true, "had": true, "do": true, "does": true,
	"did": true, "will": true, "would": true, "can": true, "could": true, "may": true, "might": true,
	"what": true, "which": true, "who": true, "when": true, "where": true, "how": true, "why": true,
}
