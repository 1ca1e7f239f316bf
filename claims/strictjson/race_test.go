//go:build race

package strictjson

const raceDetector = true
