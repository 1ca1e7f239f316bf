package article_test

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
)

// TestRussianBodyKind checks that a Russian body named by a compound word
// ("Росстат", "Роспотребнадзор", "Минтранс", "Генпрокуратура", in any
// case) or by an adjective and a body's noun ("Счётной палаты") is an
// organisation, named in the nominative, and that a person given with
// such a body in the role is the person, not the body and the person as
// one name.
func TestRussianBodyKind(t *testing.T) {
	t.Parallel()
	x := article.New(nil, nil)
	tests := []struct {
		text, quantity, name string
		kind                 article.Kind
	}{
		{"Число безработных выросло на 50 тысяч, сообщил Росстат.", "выросло на 50 тысяч", "Росстат", article.Organisation},
		{"По данным Росстата, инфляция в мае составила 7,4%.", "7,4%", "Росстат", article.Organisation},
		{"Согласно данным Мосгорстата, в Москве живут 13 миллионов человек.", "13 миллионов", "Мосгорстат", article.Organisation},
		{"Как сообщили в Роспотребнадзоре, заболели 120 человек.", "120 человек", "Роспотребнадзор", article.Organisation},
		{"По данным Минтранса, за год перевезено 5 миллионов пассажиров.", "5 миллионов", "Минтранс", article.Organisation},
		{"Как заявили в Росгвардии, задержаны 40 человек.", "40 человек", "Росгвардия", article.Organisation},
		{"По данным Генпрокуратуры, за год возбуждено 300 дел.", "300 дел", "Генпрокуратура", article.Organisation},
		{"По данным Генштаба, уничтожены 20 танков.", "20 танков", "Генштаб", article.Organisation},
		{"По подсчётам Счётной палаты, ущерб составил 5 млрд рублей.", "5 млрд", "Счётная палата", article.Organisation},
		{"По словам главы Росстата Сергея Галкина, население составило 146 миллионов человек.", "146 миллионов", "Сергей Галкин", article.Person},
	}
	for _, tt := range tests {
		got := candidateOf(t, x.Extract(tt.text), tt.text, tt.quantity)
		switch {
		case got == nil: // candidateOf reported it
		case got.Claimant == nil:
			t.Errorf("%q: %q has no claimant, want %q (%s)", tt.text, tt.quantity, tt.name, tt.kind)
		case got.Claimant.Name != tt.name || got.Claimant.Kind != tt.kind:
			t.Errorf("%q: claimant of %q = %q (%s), want %q (%s)", tt.text, tt.quantity, got.Claimant.Name, got.Claimant.Kind, tt.name, tt.kind)
		}
	}
}

// TestRussianRoleNominative checks that a role read with a name in an
// oblique case ("по словам главы МВД Владимира Колокольцева") is given in
// the nominative up to its head noun, the words after it left in the
// genitive that depends on it, as the name is.
func TestRussianRoleNominative(t *testing.T) {
	t.Parallel()
	x := article.New(nil, nil)
	tests := []struct{ text, quantity, name, role string }{
		{"По словам главы Росстата Сергея Галкина, население составило 146 миллионов человек.", "146 миллионов", "Сергей Галкин", "глава Росстата"},
		{"По данным первого заместителя главы МВД Александра Горового, задержаны 50 человек.", "50 человек", "Александр Горовый", "первый заместитель главы МВД"},
		{"По словам министра финансов Антона Силуанова, расходы сократят на 600 миллиардов рублей.", "600 миллиардов", "Антон Силуанов", "министр финансов"},
		// In the nominative already: as written.
		{"Министр финансов Антон Силуанов сообщил, что дефицит составит 0,6%.", "0,6%", "Антон Силуанов", "Министр финансов"},
	}
	for _, tt := range tests {
		checkNamed(t, x, tt.text, tt.quantity, tt.name, tt.role, "")
	}
}
