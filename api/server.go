package api

import (
	"cmp"
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/klauspost/compress/gzhttp"
	"golang.org/x/sync/semaphore"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/article"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/quantity"
	"github.com/claimdesk/claimdesk/claims/service"
)

// DefaultMaxBodyBytes is the request body limit when Options sets none.
const DefaultMaxBodyBytes = 1 << 20

// DefaultMemoryLimit is the soft limit on the Go runtime's memory that a
// server sets unless GOMEMLIMIT does (runtime/debug.SetMemoryLimit): the
// garbage collector works harder near it instead of letting the heap grow
// to twice what is live, keeping the server's RSS under 200 MB under load.
// The limit counts the Go runtime's memory only: the rest of the RSS is
// the mapped program (about 37 MiB) and SQLite's own allocations (about
// 12 MiB at 100,000 claims), which 160 MiB left no room for.
const DefaultMemoryLimit = 120 << 20

// DefaultMaxExports is how many streamed exports (GET /api/v1/export) run
// at once when Options sets no other number. Each holds a connection of
// the store's pool for as long as its client takes to read it, outside
// the read gate; the others are answered 503 (see export.go).
const DefaultMaxExports = 2

// Options configure NewHandler.
type Options struct {
	// Store holds the records and their cross-referencing. It is required.
	Store Store
	// Writes writes records; nil writes through a service.Service on
	// Store with Parser, Store being then a service.Persister too.
	Writes Writes
	// Logger receives the request log and internal errors; nil discards.
	Logger *slog.Logger
	// Assets is the web frontend, served for paths outside /api/; nil
	// serves the API only.
	Assets fs.FS
	// Version is the build's version, reported by /healthz.
	Version string
	// Parser reads quantities for POST /api/v1/parse; nil uses the
	// built-in lexicon.
	Parser *quantity.Parser
	// MaxBodyBytes limits request bodies; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// MaxImportBytes limits the body of POST /api/v1/import; 0 means
	// DefaultMaxImportBytes.
	MaxImportBytes int64
	// Publisher is the organisation that publishes this deployment's
	// reviews and its public base URL: the author and url of every
	// ClaimReview, in exports and in the claim pages' JSON-LD.
	Publisher exchange.Publisher
	// Accounts holds users and tokens. Nil serves everyone as the local
	// analyst (claims.LocalActor), as does a Local server without users.
	Accounts claims.Accounts
	// Local says the server listens on loopback only: requests must be
	// addressed to a loopback name, and with no users it runs open.
	Local bool
	// Now is the clock of token expiry and log-in slowing; nil is
	// time.Now.
	Now func() time.Time
	// ReadSlots is how many GET requests of the API reach the store at
	// once, the others waiting in the order they came (readgate.go); 0
	// takes the store's ReadConns when it has that method, else admits
	// every request at once, as does a negative number. More than the
	// store's ReadConns are capped at them, with a warning in the log.
	ReadSlots int
	// MaxExports is how many streamed exports run at once, others being
	// answered 503 with Retry-After; 0 means DefaultMaxExports.
	MaxExports int
}

// handler holds what the endpoints share.
type handler struct {
	store     Store
	writes    Writes
	log       *slog.Logger
	parser    *quantity.Parser
	articles  *article.Extractor
	version   string
	maxBody   int64
	maxImport int64
	assets    fs.FS
	// importing is a one-slot semaphore: one import runs at a time, a
	// second is refused with 409 while it does.
	importing chan struct{}
	// exporting holds a place for each streamed export running: when
	// every place is taken, another export is refused with 503.
	exporting chan struct{}
	// reads admits the API's GET requests to the store in arrival order
	// (readgate.go); nil admits them all at once.
	reads     *semaphore.Weighted
	assetTags map[string]string // file name to ETag
	publisher exchange.Publisher
	auth      *auth
	// comparisons caches the bodies of topics' comparisons by topic and
	// query, keyed by the store's TopicVersion.
	comparisons *bodyCache
	// facetCache caches the facets of filters by topic, keyed by the
	// store's TopicVersion (see facetcache.go).
	facetCache *facetCache
	// pages caches the encoded first pages of listings within a topic
	// and of the conflicts (pagecache.go).
	pages *bodyCache
	// computing bounds the relations computed at once to the processors:
	// each holds a copy of its topic's candidates and the engine's work
	// on them, and more at once only share the same processors while
	// holding more memory (64 clients on a 7,000-claim topic took the
	// server past 400 MiB and answered none in 20 s).
	computing chan struct{}
}

// NewHandler returns the HTTP handler of claimdesk: the JSON API under
// /api/v1, /healthz, /readyz and the frontend from opts.Assets. The caller
// owns the http.Server. Text answers (JSON, HTML, CSS, JavaScript, CSV)
// are gzipped for clients that accept it. HEAD is answered wherever GET
// is.
func NewHandler(opts Options) http.Handler { return headAsGet{compress(newEngine(opts))} }

// compress gzips answers of 1 KB or more whose type is compressible, with
// Vary: Accept-Encoding. gzhttp (klauspost/compress) is used rather than
// compress/gzip by hand: it buffers until it knows the size and type,
// leaves ranges and already-encoded bodies alone and flushes streamed
// exports as they go.
func compress(next http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(gzhttp.MinSize(1024))
	if err != nil {
		panic(err) // only on invalid options, which are constant here
	}
	return wrap(next)
}

// headAsGet answers HEAD wherever GET is answered (gin routes HEAD only
// where it is registered): the GET handler runs, with its status and
// headers, and its body is dropped. A handler whose body costs more than
// its headers (a streamed export) asks headOnly and stops at the headers.
type headAsGet struct{ h http.Handler }

// headKey marks the context of a GET request that answers a HEAD.
type headKey struct{}

func (h headAsGet) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodHead {
		h.h.ServeHTTP(w, r)
		return
	}
	get := r.Clone(context.WithValue(r.Context(), headKey{}, true))
	get.Method = http.MethodGet
	h.h.ServeHTTP(bodyless{w}, get)
}

// headOnly tells whether the request is a HEAD answered as GET: only the
// status and headers are sent, so the handler need not make the body.
func headOnly(c *gin.Context) bool {
	head, _ := c.Request.Context().Value(headKey{}).(bool)
	return head
}

// bodyless is a ResponseWriter that drops the body.
type bodyless struct{ http.ResponseWriter }

func (bodyless) Write(p []byte) (int, error)       { return len(p), nil }
func (bodyless) WriteString(s string) (int, error) { return len(s), nil }
func (b bodyless) Unwrap() http.ResponseWriter     { return b.ResponseWriter }
func (b bodyless) Flush() {
	if f, ok := b.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func newEngine(opts Options) *gin.Engine {
	e, _ := buildEngine(opts)
	return e
}

// buildEngine is newEngine, also returning the handler its routes share.
func buildEngine(opts Options) (*gin.Engine, *handler) {
	openAPIDocument() // merged now, so a bad part fails at start
	h := &handler{
		store:       opts.Store,
		log:         opts.Logger,
		parser:      opts.Parser,
		version:     opts.Version,
		maxBody:     opts.MaxBodyBytes,
		maxImport:   opts.MaxImportBytes,
		assets:      opts.Assets,
		importing:   make(chan struct{}, 1),
		exporting:   make(chan struct{}, cmp.Or(max(opts.MaxExports, 0), DefaultMaxExports)),
		computing:   make(chan struct{}, runtime.GOMAXPROCS(0)),
		comparisons: newBodyCache(comparisonCacheBytes),
		facetCache:  newFacetCache(),
		pages:       newBodyCache(pageCacheBytes),
		assetTags:   assetETags(opts.Assets),
		publisher:   opts.Publisher,
		auth:        &auth{accounts: accountsOf(opts.Accounts), local: opts.Local, now: opts.Now},
	}
	if h.auth.now == nil {
		h.auth.now = time.Now
	}
	h.auth.limiter = newLoginLimiter(h.auth.now)
	if h.auth.accounts != nil {
		dummyUser() // hashed now, so the first log-in takes no longer than the others
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	if n := readSlots(opts, h.log); n > 0 {
		h.reads = semaphore.NewWeighted(int64(n))
	}
	if h.parser == nil {
		h.parser = quantity.New()
	}
	h.articles = article.New(h.parser, nil)
	if h.writes = opts.Writes; h.writes == nil {
		p, ok := opts.Store.(service.Persister)
		if !ok {
			panic("api: Options.Writes is nil and Options.Store cannot persist (it is no service.Persister)")
		}
		h.writes = service.New(p, h.parser)
	}
	if h.maxBody <= 0 {
		h.maxBody = DefaultMaxBodyBytes
	}
	if h.maxImport <= 0 {
		h.maxImport = DefaultMaxImportBytes
	}

	e := gin.New()
	// An API answers the path it was asked, not a guessed neighbour: a
	// redirected POST or PATCH surprises scripts.
	e.RedirectTrailingSlash = false
	e.RedirectFixedPath = false
	e.HandleMethodNotAllowed = true
	e.ContextWithFallback = true
	// Middleware for every response, the frontend's included: a local
	// server first refuses foreign Host names, then everyone is
	// authenticated; each route below names the role it needs.
	m := newMetrics()
	e.Use(h.requestID, h.logRequests, m.observe, h.recoverPanic, securityHeaders)
	if opts.Local {
		e.Use(h.checkHost)
	}
	// The read gate comes before authentication, whose token and session
	// checks read the store too (readgate.go).
	e.Use(h.admitRead, h.authenticate, h.checkReason)
	read, write, admin := h.need(claims.RoleViewer), h.need(claims.RoleAnalyst), h.need(claims.RoleAdmin)
	e.NoRoute(h.noRoute)
	e.NoMethod(h.methodNotAllowed)

	topics, sources, claimants, claimList, links := h.topics(), h.sources(), h.claimants(), h.claims(), h.links()
	reviews := h.reviews()

	e.GET("/healthz", h.healthz)                         // process up
	e.GET("/metrics", h.metricsAccess, m.handler())      // Prometheus: requests by route and status, Go runtime
	e.GET("/readyz", h.readyz)                           // Store.Ping within 2 s, else 503
	v1 := e.Group("/api/v1", h.limitBody)                // 415 and 413 before any handler reads
	v1.GET("/session", h.session)                        // who is signed in, and the CSRF token of their cookie
	v1.POST("/session", h.login)                         // {"name","password"} -> session cookie; failures slowed down
	v1.DELETE("/session", read, h.logout)                // log out
	v1.GET("/openapi.json", read, h.openAPI)             // this API, described in OpenAPI 3.1
	v1.POST("/extract", read, h.extract)                 // {"text"} -> {"items"}: every quantity in running text, as claim candidates
	v1.POST("/parse", read, h.parse)                     // {"text"} -> a reading; {"texts"} -> {"results"}
	v1.GET("/topics", read, h.listTopics(topics))        // ?q=&tag=&parent_id=&has_conflicts=&include=summary&sort=&limit=&cursor=
	v1.POST("/topics", write, topics.create)             //
	v1.GET("/topics/:id", read, topics.get)              //
	v1.PATCH("/topics/:id", write, topics.patch)         // JSON merge patch, If-Match required
	v1.DELETE("/topics/:id", write, topics.delete)       // If-Match required
	v1.GET("/sources", read, sources.list)               // ?q=&kind=&sort=&limit=&cursor=
	v1.POST("/sources", write, sources.create)           //
	v1.GET("/sources/:id", read, sources.get)            //
	v1.PATCH("/sources/:id", write, sources.patch)       //
	v1.DELETE("/sources/:id", write, sources.delete)     //
	v1.GET("/claimants", read, claimants.list)           // ?q=&sort=&limit=&cursor=
	v1.POST("/claimants", write, claimants.create)       //
	v1.GET("/claimants/:id", read, claimants.get)        //
	v1.PATCH("/claimants/:id", write, claimants.patch)   //
	v1.DELETE("/claimants/:id", write, claimants.delete) //
	v1.GET("/claims", read, claimList.list)              // the filters of /search, q= (substring), &facets=true&sort=&limit=&cursor=
	v1.POST("/claims", write, claimList.create)          //
	v1.GET("/claims/:id", read, h.getClaim(claimList))   // ?include=page: with topic, claimant, sources, relations, links, reviews
	v1.PATCH("/claims/:id", write, claimList.patch)      //
	v1.DELETE("/claims/:id", write, claimList.delete)    //
	v1.GET("/links", read, links.list)                   // ?claim_id=&kind=&sort=&limit=&cursor=
	v1.POST("/links", write, links.create)               //
	v1.GET("/links/:id", read, links.get)                //
	v1.PATCH("/links/:id", write, links.patch)           //
	v1.DELETE("/links/:id", write, links.delete)         //

	// Cross-referencing: read from the summaries the store keeps current.
	v1.GET("/search", read, h.search)                    // ?q=&topic_id=&claimant_id=&source_id=&tag=&from=&to=&said_from=&said_to=&as_of_from=&as_of_to=&value_low=&value_high=&rank=&grade=&evidence_type=&place=&in_conflict=&facets=true&limit=&cursor=
	v1.GET("/topics/:id/comparison", read, h.comparison) // stored summaries; claims paged: ?limit=&cursor=
	v1.GET("/claims/:id/relations", read, h.relations)   // computed on demand: ?kind=&limit=&cursor=
	v1.GET("/conflicts", read, h.conflicts)              // ?topic_id=&status=&min_severity=&limit=&cursor=
	v1.GET("/reviews", read, reviews.list)               // ?topic_id=&claim_id=&status=&sort=&limit=&cursor=
	v1.POST("/reviews", write, reviews.create)           //
	v1.GET("/reviews/:id", read, reviews.get)            //
	v1.PATCH("/reviews/:id", write, reviews.patch)       //
	v1.DELETE("/reviews/:id", write, reviews.delete)     //
	v1.GET("/places", read, h.listPlaces)                // the gazetteer: built-in and custom places
	v1.POST("/places", write, h.createPlace)             // a custom place
	v1.DELETE("/places/:name", write, h.deletePlace)     // a custom place, by ID or name

	// History: every write is kept; deletes go to the trash (history.go).
	for _, seg := range []string{"topics", "sources", "claimants", "claims", "links", "reviews"} {
		v1.GET("/"+seg+"/:id/history", read, h.history(historyKinds[seg]))   // who, when, why, before and after
		v1.POST("/"+seg+"/:id/restore", write, h.restore(historyKinds[seg])) // {"version","reason"}: bring a version back
	}
	v1.GET("/trash", admin, h.trash)                             // deleted records, newest first
	e.POST("/api/v1/trash/:kind/:id/restore", admin, h.undelete) // undo a delete (and what it cascaded to); no body

	// Accounts, for admins (users.go): token secrets are shown once.
	v1.GET("/users", admin, h.listUsers)           // every user, by name
	v1.POST("/users", admin, h.createUser)         // {"name","role","password"}
	v1.PATCH("/users/:name", admin, h.patchUser)   // {"role","disabled","password"}: disable, enable, change role
	v1.GET("/tokens", admin, h.listTokens)         // ?user=: API tokens, newest first, without secrets
	v1.POST("/tokens", admin, h.createToken)       // {"user","name","expires_in"} -> the token with its secret, once
	v1.DELETE("/tokens/:id", admin, h.revokeToken) // revoke

	// Exchange: streamed downloads and atomic imports (export.go, import.go).
	v1.GET("/export", read, h.export)                               // ?format=json|ndjson|csv|claimreview|wikidata&topic_id=; a stream, outside the read gate
	v1.GET("/export/schema.json", read, h.exportSchema)             // JSON Schema of the JSON export
	e.POST("/api/v1/import", admin, h.limitImport, h.importRecords) // ?format=&dry_run=true; own body limit and types
	return e, h
}

// accountsOf writes the server's accounts through the service, which
// validates users before the store persists them; nil stays nil (a server
// without accounts).
func accountsOf(a claims.Accounts) claims.Accounts {
	if a == nil {
		return nil
	}
	return service.NewAccounts(a)
}
