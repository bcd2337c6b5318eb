package prismtest

import "syscall"

// setParentDeathSignal kills Prism if the test binary dies without running
// its cleanups (go test's timeout, a SIGKILL), so no server is left behind.
func setParentDeathSignal(attr *syscall.SysProcAttr) {
	attr.Pdeathsig = syscall.SIGKILL
}
