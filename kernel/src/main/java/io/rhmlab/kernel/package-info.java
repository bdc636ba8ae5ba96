package io.rhmlab.kernel;
