//go:build unix && !linux

package prismtest

import "syscall"

func setParentDeathSignal(*syscall.SysProcAttr) {}
