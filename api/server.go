package api

import (
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/klauspost/compress/gzhttp"

	"github.com/claimdesk/claimdesk/claims/article"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// DefaultMaxBodyBytes is the request body limit when Options sets none.
const DefaultMaxBodyBytes = 1 << 20

// Options configure NewHandler.
type Options struct {
	// Store holds the records and their cross-referencing. It is required.
	Store Store
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
}

// handler holds what the endpoints share.
type handler struct {
	store     Store
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
	assetTags map[string]string // file name to ETag
	publisher exchange.Publisher
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
// headers, and its body is dropped.
type headAsGet struct{ h http.Handler }

func (h headAsGet) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodHead {
		h.h.ServeHTTP(w, r)
		return
	}
	get := r.Clone(r.Context())
	get.Method = http.MethodGet
	h.h.ServeHTTP(bodyless{w}, get)
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
	h := &handler{
		store:     opts.Store,
		log:       opts.Logger,
		parser:    opts.Parser,
		version:   opts.Version,
		maxBody:   opts.MaxBodyBytes,
		maxImport: opts.MaxImportBytes,
		assets:    opts.Assets,
		importing: make(chan struct{}, 1),
		assetTags: assetETags(opts.Assets),
		publisher: opts.Publisher,
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	if h.parser == nil {
		h.parser = quantity.New()
	}
	h.articles = article.New(h.parser, nil)
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
	// Middleware for every response, the frontend's included. An
	// authentication middleware would go on the v1 group below.
	m := newMetrics()
	e.Use(h.requestID, h.logRequests, m.observe, h.recoverPanic, securityHeaders)
	e.NoRoute(h.noRoute)
	e.NoMethod(h.methodNotAllowed)

	topics, sources, claimants, claimList, links := h.topics(), h.sources(), h.claimants(), h.claims(), h.links()
	reviews := h.reviews()

	e.GET("/healthz", h.healthz)                  // process up
	e.GET("/metrics", m.handler())                // Prometheus: requests by route and status, Go runtime
	e.GET("/readyz", h.readyz)                    // Store.Ping within 2 s, else 503
	v1 := e.Group("/api/v1", h.limitBody)         // 415 and 413 before any handler reads
	v1.GET("/openapi.json", h.openAPI)            // this API, described in OpenAPI 3.1
	v1.POST("/extract", h.extract)                // {"text"} -> {"items"}: every quantity in running text, as claim candidates
	v1.POST("/parse", h.parse)                    // {"text"} -> a reading; {"texts"} -> {"results"}
	v1.GET("/topics", h.listTopics(topics))       // ?q=&tag=&parent_id=&include=summary&sort=&limit=&cursor=
	v1.POST("/topics", topics.create)             //
	v1.GET("/topics/:id", topics.get)             //
	v1.PATCH("/topics/:id", topics.patch)         // JSON merge patch, If-Match required
	v1.DELETE("/topics/:id", topics.delete)       // If-Match required
	v1.GET("/sources", sources.list)              // ?q=&kind=&sort=&limit=&cursor=
	v1.POST("/sources", sources.create)           //
	v1.GET("/sources/:id", sources.get)           //
	v1.PATCH("/sources/:id", sources.patch)       //
	v1.DELETE("/sources/:id", sources.delete)     //
	v1.GET("/claimants", claimants.list)          // ?q=&sort=&limit=&cursor=
	v1.POST("/claimants", claimants.create)       //
	v1.GET("/claimants/:id", claimants.get)       //
	v1.PATCH("/claimants/:id", claimants.patch)   //
	v1.DELETE("/claimants/:id", claimants.delete) //
	v1.GET("/claims", claimList.list)             // the filters of /search, q= (substring), &facets=true&sort=&limit=&cursor=
	v1.POST("/claims", claimList.create)          //
	v1.GET("/claims/:id", h.getClaim(claimList))  // ?include=page: with topic, claimant, sources, relations, links, reviews
	v1.PATCH("/claims/:id", claimList.patch)      //
	v1.DELETE("/claims/:id", claimList.delete)    //
	v1.GET("/links", links.list)                  // ?claim_id=&kind=&sort=&limit=&cursor=
	v1.POST("/links", links.create)               //
	v1.GET("/links/:id", links.get)               //
	v1.PATCH("/links/:id", links.patch)           //
	v1.DELETE("/links/:id", links.delete)         //

	// Cross-referencing: read from the summaries the store keeps current.
	v1.GET("/search", h.search)                    // ?q=&topic_id=&claimant_id=&source_id=&tag=&from=&to=&said_from=&said_to=&as_of_from=&as_of_to=&value_low=&value_high=&rank=&grade=&evidence_type=&place=&in_conflict=&facets=true&limit=&cursor=
	v1.GET("/topics/:id/comparison", h.comparison) // stored summaries; claims paged: ?limit=&cursor=
	v1.GET("/claims/:id/relations", h.relations)   // computed on demand: ?kind=&limit=&cursor=
	v1.GET("/conflicts", h.conflicts)              // ?topic_id=&status=&min_severity=&limit=&cursor=
	v1.GET("/reviews", reviews.list)               // ?topic_id=&claim_id=&status=&sort=&limit=&cursor=
	v1.POST("/reviews", reviews.create)            //
	v1.GET("/reviews/:id", reviews.get)            //
	v1.PATCH("/reviews/:id", reviews.patch)        //
	v1.DELETE("/reviews/:id", reviews.delete)      //
	v1.GET("/places", h.listPlaces)                // the gazetteer: built-in and custom places
	v1.POST("/places", h.createPlace)              // a custom place
	v1.DELETE("/places/:name", h.deletePlace)      // a custom place, by ID or name

	// Exchange: streamed downloads and atomic imports (export.go, import.go).
	v1.GET("/export", h.export)                              // ?format=json|ndjson|csv|claimreview|wikidata&topic_id=
	v1.GET("/export/schema.json", h.exportSchema)            // JSON Schema of the JSON export
	e.POST("/api/v1/import", h.limitImport, h.importRecords) // ?format=&dry_run=true; own body limit and types
	return e
}
