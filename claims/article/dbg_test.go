package article_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
)

func TestDbg(t *testing.T) {
	text := os.Getenv("DBG")
	if text == "" {
		t.Skip()
	}
	for _, c := range article.New(nil, nil).Extract(text) {
		fmt.Printf("%q likely=%v %q claimant=%+v outlet=%q counted=%q places=%v\n", c.Text, c.LikelyClaim, c.Reason, c.Claimant, c.Outlet, c.Counted, c.Places)
	}
}
