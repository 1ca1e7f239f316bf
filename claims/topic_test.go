package claims

import "testing"

func TestSlug(t *testing.T) {
	for _, tt := range []struct{ title, want string }{
		{"Russian nationals fighting with Islamic State", "russian-nationals-fighting-with-islamic-state"},
		{"  Russians: IS (2015)!  ", "russians-is-2015"},
		{"Foreign fighters — ex-USSR", "foreign-fighters-ex-ussr"},
		{"Боевики из России", "боевики-из-россии"},
		{"½ of 3 kids", "½-of-3-kids"},
		{"---", ""},
	} {
		if got := Slug(tt.title); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}
