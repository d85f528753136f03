package assets

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"stackarena/assets/internal/layout"
)

func TestAllMatchesTheLayout(t *testing.T) {
	all := All()
	assert.Len(t, all, len(layout.All))
	for i, s := range layout.All {
		assert.Equal(t, s.Name, all[i].Name)
	}
}
