// claimdesk_bm25: FTS5's bm25() with a bounded count of each phrase's rows.
//
// bm25() weighs each phrase of a query by its IDF, log((N - n + 0.5) / (n +
// 0.5)) where n is the number of rows holding the phrase; to learn n it
// walks the phrase's whole doclist once a query. For a prefix that most
// rows hold ("offici*" in a million claims) that walk is most of a
// search's time, though it only sets a weight. claimdesk_bm25 counts at
// most rankCountCap rows of a phrase: below that n is exact and the score
// is bm25's; above it n is estimated from the rowid the cap was reached at
// (the rows are numbered in the order they were stored, so the share of
// rowids walked is about the share of rows), n = cap * rows / rowid,
// and such a phrase, held by at least cap rows, weighs little anyway.
// claimdesk_idf(table) returns those IDFs, and claimdesk_bm25 takes them
// back as a last argument after the column weights, so that a statement
// running the FTS5 cursor once a row of another table does not count them
// again each time. A column of weight 0 is left out of the lengths too, the
// row's and the average: a column that only narrows a query (claims_fts's
// topic_key, one token a row) leaves the scores as they were without it.
// Two more optional trailing arguments, after the IDFs: the row's sizes
// as the table's docsize shadow table stores them (its sz, a varint a
// column), which a statement joins by rowid (claims_fts_docsize.id), so
// that the row's length is read through the statement's own cursor
// rather than by FTS5, which runs a statement of its own for each row
// (xColumnSize; a third of a search's CPU at 2,000 rows a window); and
// IDFs given as NULL, which counts each phrase's rows without the cap
// (bm25's own IDFs, for a table that is ranked whole).
// Everything else is bm25's code (sqlite 3.45.1, public domain): k1 1.2,
// b 0.75, column weights as trailing arguments, and the score negated.

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sqlite3-binding.h"

#define rankCountCap 2000

typedef struct {
	int nPhrase;
	double avgdl;
	double *aIDF;
	double *aFreq;
	sqlite3_int64 *aRows; // rows counted a phrase, -1 when the cap was reached
} RankData;

typedef struct {
	sqlite3_int64 n;
	sqlite3_int64 last; // rowid of the last row counted
	sqlite3_int64 cap;
} RankCount;

static int rankCountCb(const Fts5ExtensionApi *pApi, Fts5Context *pFts, void *pUser) {
	RankCount *c = (RankCount *)pUser;
	c->n++;
	c->last = pApi->xRowid(pFts);
	if (c->cap > 0 && c->n >= c->cap) return SQLITE_DONE;
	return SQLITE_OK;
}

// rankWeight is the weight of column i among the nVal weights apVal: 1.0
// for a column without one.
static double rankWeight(sqlite3_value **apVal, int nVal, int i) {
	return (nVal > i) ? sqlite3_value_double(apVal[i]) : 1.0;
}

// rankZeroWeights reports whether any of the nCol columns weighs 0.
static int rankZeroWeights(sqlite3_value **apVal, int nVal, int nCol) {
	int i;
	for (i = 0; i < nCol; i++) {
		if (rankWeight(apVal, nVal, i) == 0.0) return 1;
	}
	return 0;
}

// rankGetData returns the query's RankData, made at its first row. idfs,
// when not NULL, are the IDFs of the phrases as claimdesk_idf gave them
// (numbers separated by spaces), read instead of counting; else each
// phrase's rows are counted, at most cap of them (0: all). The nVal
// weights apVal say which columns the average length leaves out (weight
// 0); they are those of the query's first row.
static int rankGetData(const Fts5ExtensionApi *pApi, Fts5Context *pFts, const char *idfs, sqlite3_int64 cap, sqlite3_value **apVal, int nVal, RankData **pp) {
	int rc = SQLITE_OK;
	RankData *p = (RankData *)pApi->xGetAuxdata(pFts, 0);
	if (p == 0) {
		int nPhrase = pApi->xPhraseCount(pFts);
		sqlite3_int64 nRow = 0, nToken = 0;
		sqlite3_int64 nByte = sizeof(RankData) + nPhrase * 2 * sizeof(double) + nPhrase * sizeof(sqlite3_int64);
		int i;
		p = (RankData *)sqlite3_malloc64(nByte);
		if (p == 0) return SQLITE_NOMEM;
		memset(p, 0, (size_t)nByte);
		p->nPhrase = nPhrase;
		p->aIDF = (double *)&p[1];
		p->aFreq = &p->aIDF[nPhrase];
		p->aRows = (sqlite3_int64 *)&p->aFreq[nPhrase];
		rc = pApi->xRowCount(pFts, &nRow);
		if (rc == SQLITE_OK && !rankZeroWeights(apVal, nVal, pApi->xColumnCount(pFts))) {
			rc = pApi->xColumnTotalSize(pFts, -1, &nToken);
		} else {
			int nCol = pApi->xColumnCount(pFts);
			for (i = 0; rc == SQLITE_OK && i < nCol; i++) {
				sqlite3_int64 n = 0;
				if (rankWeight(apVal, nVal, i) == 0.0) continue;
				rc = pApi->xColumnTotalSize(pFts, i, &n);
				nToken += n;
			}
		}
		if (rc == SQLITE_OK) p->avgdl = nRow > 0 ? (double)nToken / (double)nRow : 1.0;
		for (i = 0; rc == SQLITE_OK && i < nPhrase; i++) {
			if (idfs != 0) {
				char *end = 0;
				double idf = strtod(idfs, &end);
				if (end == idfs) {
					rc = SQLITE_MISMATCH; // fewer IDFs than phrases
					break;
				}
				idfs = end;
				p->aIDF[i] = idf;
				p->aRows[i] = -1;
				continue;
			}
			RankCount c = {0, 0, cap};
			double nHit, idf;
			rc = pApi->xQueryPhrase(pFts, i, (void *)&c, rankCountCb);
			if (rc != SQLITE_OK) break;
			nHit = (double)c.n;
			p->aRows[i] = (c.cap > 0 && c.n >= c.cap) ? -1 : c.n;
			if (c.cap > 0 && c.n >= c.cap && c.last > 0) {
				// Rowids run 1..about nRow in the order rows were stored.
				nHit = (double)c.n * (double)nRow / (double)c.last;
				if (nHit > (double)nRow) nHit = (double)nRow;
				if (nHit < (double)c.n) nHit = (double)c.n;
			}
			idf = log(((double)nRow - nHit + 0.5) / (nHit + 0.5));
			if (idf <= 0.0) idf = 1e-6;
			p->aIDF[i] = idf;
		}
		if (rc != SQLITE_OK) {
			sqlite3_free(p);
			return rc;
		}
		rc = pApi->xSetAuxdata(pFts, p, sqlite3_free);
		if (rc != SQLITE_OK) return rc;
	}
	*pp = p;
	return rc;
}

// rankSizes reads the column sizes of a docsize row (sz: a varint a
// column, SQLite's varint format) into the row's length D, leaving out
// the columns of weight 0 when any weighs 0. It returns SQLITE_CORRUPT
// when sz holds fewer than nCol sizes.
static int rankSizes(const unsigned char *sz, int n, sqlite3_value **apVal, int nVal, int nCol, int zero, double *D) {
	int i, at = 0;
	*D = 0.0;
	for (i = 0; i < nCol; i++) {
		unsigned int v = 0;
		int k;
		for (k = 0; k < 5; k++) {
			if (at >= n) return SQLITE_CORRUPT;
			v = (v << 7) | (sz[at] & 0x7f);
			if ((sz[at++] & 0x80) == 0) break;
		}
		if (k == 5) return SQLITE_CORRUPT;
		if (zero && rankWeight(apVal, nVal, i) == 0.0) continue;
		*D += (double)v;
	}
	return SQLITE_OK;
}

static void rankFunction(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx, int nVal, sqlite3_value **apVal) {
	const double k1 = 1.2, b = 0.75;
	double score = 0.0, D = 0.0;
	RankData *pData = 0;
	int nInst = 0, i, nTok = 0;
	const char *idfs = 0;
	int rc;
	sqlite3_int64 cap = rankCountCap;
	sqlite3_value *sz = 0;
	// The trailing arguments: a weight a column, then the IDFs (NULL:
	// counted without the cap), then the row's docsize.
	int nCol = pApi->xColumnCount(pFts);
	if (nVal > nCol) {
		if (sqlite3_value_type(apVal[nCol]) == SQLITE_NULL) {
			cap = 0;
		} else {
			idfs = (const char *)sqlite3_value_text(apVal[nCol]);
		}
		if (nVal > nCol + 1) sz = apVal[nCol + 1];
		nVal = nCol;
	}
	rc = rankGetData(pApi, pFts, idfs, cap, apVal, nVal, &pData);
	if (rc == SQLITE_OK) {
		memset(pData->aFreq, 0, sizeof(double) * pData->nPhrase);
		rc = pApi->xInstCount(pFts, &nInst);
	}
	for (i = 0; rc == SQLITE_OK && i < nInst; i++) {
		int ip, ic, io;
		rc = pApi->xInst(pFts, i, &ip, &ic, &io);
		if (rc == SQLITE_OK) {
			pData->aFreq[ip] += rankWeight(apVal, nVal, ic);
		}
	}
	if (rc == SQLITE_OK && sz != 0 && sqlite3_value_type(sz) == SQLITE_BLOB) {
		// The row's sizes, joined by the statement.
		rc = rankSizes((const unsigned char *)sqlite3_value_blob(sz), sqlite3_value_bytes(sz), apVal, nVal, nCol, rankZeroWeights(apVal, nVal, nCol), &D);
	} else if (rc == SQLITE_OK && !rankZeroWeights(apVal, nVal, nCol)) {
		rc = pApi->xColumnSize(pFts, -1, &nTok);
		D = (double)nTok;
	} else {
		// The row's length without the columns of weight 0.
		for (i = 0; rc == SQLITE_OK && i < nCol; i++) {
			if (rankWeight(apVal, nVal, i) == 0.0) continue;
			rc = pApi->xColumnSize(pFts, i, &nTok);
			D += (double)nTok;
		}
	}
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(pCtx, rc);
		return;
	}
	for (i = 0; i < pData->nPhrase; i++) {
		double f = pData->aFreq[i];
		score += pData->aIDF[i] * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * D / pData->avgdl)));
	}
	sqlite3_result_double(pCtx, -1.0 * score);
}

// idfFunction, claimdesk_idf(table), returns the IDF of each phrase of the
// query, as claimdesk_bm25 counts them, separated by spaces: a statement
// that runs the FTS5 cursor again for each row of another table (a join
// driven by that table) would otherwise count them again every time.
// claimdesk_idf(table, 'rows') returns instead how many rows hold each
// phrase, -1 for one held by the cap or more; the two in one statement
// count once.
static void idfFunction(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx, int nVal, sqlite3_value **apVal) {
	RankData *pData = 0;
	char *out = 0;
	int i, rc, rows = 0;
	if (nVal > 0) {
		const char *what = (const char *)sqlite3_value_text(apVal[0]);
		if (what == 0 || strcmp(what, "rows") != 0) {
			sqlite3_result_error(pCtx, "claimdesk_idf: the second argument, when given, is 'rows'", -1);
			return;
		}
		rows = 1;
	}
	rc = rankGetData(pApi, pFts, 0, rankCountCap, 0, 0, &pData);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(pCtx, rc);
		return;
	}
	out = sqlite3_mprintf("");
	for (i = 0; out != 0 && i < pData->nPhrase; i++) {
		char *next = rows ? sqlite3_mprintf("%s%s%lld", out, i > 0 ? " " : "", pData->aRows[i])
		                  : sqlite3_mprintf("%s%s%!.17g", out, i > 0 ? " " : "", pData->aIDF[i]);
		sqlite3_free(out);
		out = next;
	}
	if (out == 0) {
		sqlite3_result_error_nomem(pCtx);
		return;
	}
	sqlite3_result_text(pCtx, out, -1, sqlite3_free);
}

// claimdesk_rank_init registers claimdesk_bm25 on a new connection; it
// runs as an auto extension after FTS5's.
int claimdesk_rank_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
	fts5_api *api = 0;
	sqlite3_stmt *stmt = 0;
	int rc;
	(void)pzErrMsg;
	(void)pApi;
	rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, 0);
	if (rc != SQLITE_OK) return rc;
	sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", 0);
	sqlite3_step(stmt);
	rc = sqlite3_finalize(stmt);
	if (rc != SQLITE_OK) return rc;
	if (api == 0 || api->iVersion < 2) return SQLITE_ERROR;
	rc = api->xCreateFunction(api, "claimdesk_bm25", 0, rankFunction, 0);
	if (rc != SQLITE_OK) return rc;
	return api->xCreateFunction(api, "claimdesk_idf", 0, idfFunction, 0);
}
