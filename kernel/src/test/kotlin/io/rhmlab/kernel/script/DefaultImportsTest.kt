package io.rhmlab.kernel.script

import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.defaultImports

/** Scripts and notebooks import one list (notebooks: `RhmlabIntegration`, exercised by NotebookReplTest). */
class DefaultImportsTest {

    @Test
    fun scriptsImportTheSharedList() {
        assertThat(RhmScriptCompilation[ScriptCompilationConfiguration.defaultImports]).isEqualTo(RHMLAB_DEFAULT_IMPORTS)
    }

    @Test
    fun theListCoversEveryLayerOnce() {
        assertThat(RHMLAB_DEFAULT_IMPORTS).doesNotHaveDuplicates()
            .contains("io.rhmlab.dsl.*", "io.rhmlab.engine.curve.*", "io.rhmlab.engine.train.*", "io.rhmlab.engine.store.*",
                "io.rhmlab.kernel.plot.*", "io.rhmlab.kernel.frame.*", "io.rhmlab.kernel.notebook.*")
    }
}
