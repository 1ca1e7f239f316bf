package service

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// placesFake records the places and history records the service hands
// on, as they arrive.
type placesFake struct {
	*fake
	places  []gazetteer.Place
	docs    map[string]string // kind/id -> the document history holds
	written []any
}

func (f *placesFake) CreatePlace(_ context.Context, p *gazetteer.Place) error {
	f.places = append(f.places, *p)
	return nil
}

func (f *placesFake) DeletePlace(context.Context, string) error { return nil }

// Restore reads the document as a store would and stores what prepare
// leaves, unless it refuses it.
func (f *placesFake) Restore(_ context.Context, kind, id string, _ int, prepare func(any) error) (*claims.Change, error) {
	var rec any
	switch kind {
	case "source":
		rec = &claims.Source{}
	case "claim":
		rec = &claims.Claim{}
	}
	if err := json.Unmarshal([]byte(f.docs[kind+"/"+id]), rec); err != nil {
		return nil, err
	}
	if err := prepare(rec); err != nil {
		return nil, err
	}
	f.written = append(f.written, rec)
	return &claims.Change{Kind: kind, RecordID: id}, nil
}

func (f *placesFake) Undelete(ctx context.Context, kind, id string, prepare func(any) error) (*claims.Change, error) {
	return f.Restore(ctx, kind, id, 0, prepare)
}

func TestCreatePlacePreparesBeforePersisting(t *testing.T) {
	f := &placesFake{fake: newFake()}
	s := New(f, nil)
	p := gazetteer.Place{Name: "  Raqqa  ", In: []string{"SY"}}
	if err := s.CreatePlace(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	if len(f.places) != 1 {
		t.Fatalf("persisted %d places, want 1", len(f.places))
	}
	got := f.places[0]
	if got.Name != "Raqqa" || got.ID != "custom:raqqa" || got.Kind != gazetteer.Subdivision || got.Aliases == nil {
		t.Errorf("persisted %+v: want the name trimmed, the ID derived, a subdivision, empty aliases", got)
	}
	for _, bad := range []gazetteer.Place{{Name: "   "}, {Name: strings.Repeat("x", claims.MaxNameLen+1)}} {
		before := bad
		err := s.CreatePlace(context.Background(), &bad)
		if claims.ErrorCode(err) != claims.CodeInvalid || len(claims.ErrorFields(err)) == 0 || claims.ErrorFields(err)[0].Field != "name" {
			t.Errorf("place %q: %v, want invalid naming the name", before.Name, err)
		}
		if bad.Name != before.Name || bad.ID != before.ID {
			t.Errorf("a refused place was changed: %+v", bad)
		}
	}
	// Members, which the built-in table's groupings have, are not kept
	// for an analyst's place, so they are refused rather than lost.
	grouping := gazetteer.Place{Name: "Eastern Ukraine", Kind: gazetteer.Region, Members: []string{"UA.05"}}
	if err := s.CreatePlace(context.Background(), &grouping); claims.ErrorCode(err) != claims.CodeInvalid || len(claims.ErrorFields(err)) == 0 || claims.ErrorFields(err)[0].Field != "members" {
		t.Errorf("place with members: %v, want invalid naming members", err)
	}
	if len(f.places) != 1 {
		t.Errorf("a refused place reached the store")
	}
}

func TestRestoreValidatesTheVersionBroughtBack(t *testing.T) {
	f := &placesFake{fake: newFake(), docs: map[string]string{
		"source/ok":  `{"id":"ok","version":1,"name":"  Kommersant  "}`,
		"source/bad": `{"id":"bad","version":1,"name":""}`,
	}}
	s := New(f, nil)
	if _, err := s.Restore(context.Background(), "source", "ok", 1); err != nil {
		t.Fatal(err)
	}
	if src := f.written[0].(*claims.Source); src.Name != "Kommersant" {
		t.Errorf("restored name %q, want it normalised", src.Name)
	}
	if _, err := s.Undelete(context.Background(), "source", "bad"); claims.ErrorCode(err) != claims.CodeInvalid {
		t.Errorf("undelete of an invalid version: %v, want invalid", err)
	}
	if len(f.written) != 1 {
		t.Errorf("an invalid version reached the store")
	}
}
