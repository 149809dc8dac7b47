package clean

import "testing"

func TestDetectLanguage(t *testing.T) {
	cases := []struct{ text, want string }{
		{"The offensive began at dawn, and by noon the army said it had taken the northern districts of the town.", "en"},
		{"نظری برای این مطلب ثبت نشده است.", "fa"},
		{"L'offensive a commencé à l'aube et, à midi, l'armée a déclaré avoir pris les quartiers nord de la ville.", "fr"},
		{"Die Offensive begann im Morgengrauen, und bis zum Mittag hatte die Armee die nördlichen Bezirke der Stadt eingenommen.", "de"},
		{"Наступление началось на рассвете, а к полудню армия заявила, что взяла северные районы города. Это было самое тяжёлое сражение за весь год, сказали командиры.", "ru"},
		{"これが非常に困ったもの。", "ja"},
		{"12345 !!!", ""},
	}
	for _, c := range cases {
		if got, _ := DetectLanguage(c.text, 0); got != c.want {
			t.Errorf("DetectLanguage(%.30q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestScriptOf(t *testing.T) {
	cases := []struct {
		text string
		want Script
	}{
		{"Qasem Soleimani", ScriptLatin},
		{"ارسال نظر برای این مطلب", ScriptArabic},
		{"Kindle for PCの起動ホットキー", ScriptKana},
		{"中华人民共和国", ScriptHan},
		{"— 2021 —", ScriptNone},
	}
	for _, c := range cases {
		if got, _ := scriptOf(c.text); got != c.want {
			t.Errorf("scriptOf(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestTextParagraphLanguages(t *testing.T) {
	text := "A report on the war\n\n" +
		"The offensive began at dawn, and by noon the army said it had taken the northern districts of the town.\n\n" +
		"L'offensive a commencé à l'aube et, à midi, l'armée a déclaré avoir pris les quartiers nord de la ville, selon un communiqué.\n\n" +
		"Commanders said that militia units and regular troops had advanced together for the first time this year.\n"
	res := Text(text, DefaultOptions())
	checkInvariants(t, res)
	if res.Language != "en" {
		t.Fatalf("document language = %q", res.Language)
	}
	if len(res.OtherLanguage) != 1 || res.OtherLanguage[0].Lang != "fr" {
		t.Fatalf("other-language spans = %+v, want the French paragraph", res.OtherLanguage)
	}
	if res.Paragraphs[2].Lang != "fr" || res.Paragraphs[1].Lang != "en" {
		t.Errorf("paragraph languages = %+v", res.Paragraphs)
	}
}
