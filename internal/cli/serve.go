package cli

import "io"

func serve(args []string, stdout, stderr io.Writer) int { return exitUsage }
