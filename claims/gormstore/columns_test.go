package gormstore

import (
	"reflect"
	"strconv"
	"testing"
	"time"
)

// fillDistinct sets every field of the row r points to, through embedded
// structs, to a value no other field holds.
func fillDistinct(t *testing.T, r any) {
	n := 0
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		for i := range v.NumField() {
			f := v.Field(i)
			n++
			switch f.Kind() {
			case reflect.Struct:
				if f.Type() == reflect.TypeFor[time.Time]() {
					f.Set(reflect.ValueOf(time.Date(2000+n, 1, 2, 3, 4, 5, n, time.UTC)))
				} else {
					fill(f)
				}
			case reflect.String:
				f.SetString("s" + strconv.Itoa(n))
			case reflect.Int, reflect.Int64:
				f.SetInt(int64(1000 + n))
			case reflect.Bool:
				f.SetBool(n%2 == 0)
			case reflect.Float64:
				f.SetFloat(float64(n) + 0.5)
			case reflect.Pointer:
				p := reflect.New(f.Type().Elem())
				switch p.Elem().Kind() {
				case reflect.String:
					p.Elem().SetString("p" + strconv.Itoa(n))
				case reflect.Float64:
					p.Elem().SetFloat(float64(n) + 0.25)
				default:
					t.Fatalf("no distinct value for a %s", f.Type())
				}
				f.Set(p)
			default:
				t.Fatalf("no distinct value for a %s", f.Type())
			}
		}
	}
	fill(reflect.ValueOf(r).Elem())
}

// valuesByReflect is appendValues's oracle: each column's field read by
// its index with reflect, as appendValues once read it.
func valuesByReflect[R any](c *columns[R], r *R) []any {
	v := reflect.ValueOf(r).Elem()
	var out []any
	for _, col := range c.all {
		out = append(out, v.FieldByIndex(col.index).Interface())
	}
	return out
}

// checkValues requires appendValues of a row whose fields all differ to
// give every column's own value, of the field's own type, in order.
func checkValues[R any](t *testing.T, c *columns[R]) {
	t.Helper()
	var r R
	fillDistinct(t, &r)
	got, want := c.appendValues(nil, &r), valuesByReflect(c, &r)
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", c.table, len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) || reflect.TypeOf(got[i]) != reflect.TypeOf(want[i]) {
			t.Errorf("%s.%s: %#v (%T), want %#v (%T)", c.table, c.all[i].name, got[i], got[i], want[i], want[i])
		}
	}
}

// TestAppendValuesReadsEachColumnsField checks the values the bulk
// INSERTs bind, read at each field's offset, against the fields read by
// reflect, for every table the bulk writer fills.
func TestAppendValuesReadsEachColumnsField(t *testing.T) {
	checkValues(t, topicCols)
	checkValues(t, sourceCols)
	checkValues(t, claimantCols)
	checkValues(t, claimCols)
	checkValues(t, linkCols)
	checkValues(t, reviewCols)
}

// TestAppendValuesBoxesZeroValuesWithoutAllocating: most columns of an
// imported claim are empty strings, zeros or false, which Go boxes
// without allocating; only a timestamp (boxed through reflect) costs an
// allocation. reflect.Value.Interface allocated for every column.
func TestAppendValuesBoxesZeroValuesWithoutAllocating(t *testing.T) {
	var r claimRow
	times := 0
	for _, col := range claimCols.all {
		if col.time {
			times++
		}
	}
	args := make([]any, 0, len(claimCols.all))
	got := testing.AllocsPerRun(100, func() { args = claimCols.appendValues(args[:0], &r) })
	if int(got) > times {
		t.Errorf("appendValues of an empty claim row allocates %v times, want at most %d (its timestamps) of %d columns", got, times, len(claimCols.all))
	}
}
