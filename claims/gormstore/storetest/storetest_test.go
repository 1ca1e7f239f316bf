package storetest_test

import (
	"context"
	"os"
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

func TestForEachGivesFreshStores(t *testing.T) {
	ran := 0
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		ran++
		ctx := context.Background()
		p, err := s.ListTopics(ctx, claims.TopicFilter{})
		if err != nil || len(p.Items) != 0 {
			t.Fatalf("a fresh store lists %d topics (%v), want 0", len(p.Items), err)
		}
		if err := s.CreateTopic(ctx, &claims.Topic{Meta: claims.Meta{ID: "same-id"}, Title: "t"}); err != nil {
			t.Fatalf("create topic in a fresh store: %v", err)
		}
	})
	if ran == 0 {
		t.Errorf("ForEach ran no subtest")
	}
}

func TestPostgresDropsItsSchema(t *testing.T) {
	if os.Getenv(storetest.EnvPostgres) == "" {
		t.Skipf("set %s to run this test", storetest.EnvPostgres)
	}
	var schema string
	t.Run("user", func(t *testing.T) {
		var dsn string
		dsn, schema = storetest.PostgresDSN(t)
		s, err := gormstore.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
	db, err := gorm.Open(postgres.Open(os.Getenv(storetest.EnvPostgres)), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	sqlDB, _ := db.DB()
	defer sqlDB.Close()
	var n int64
	if err := db.Raw("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?", schema).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("schema %s still exists after the test that made it ended", schema)
	}
}
