//go:build unix

package prismtest

import (
	"os/exec"
	"syscall"
	"time"
)

// process is a started Prism and its process group.
type process struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	err  error         // its exit status, once done is closed
}

func startProcess(cmd *exec.Cmd) (*process, error) {
	// Its own group, so that stopping it reaches anything it spawned.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	setParentDeathSignal(cmd.SysProcAttr)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &process{cmd: cmd, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// stop sends SIGTERM to the group, then SIGKILL if it has not exited after
// grace. An exit caused by either signal is not an error.
func (p *process) stop(grace time.Duration) error {
	pgid := p.cmd.Process.Pid
	select {
	case <-p.done:
		return p.exitErr()
	default:
	}
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(grace):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-p.done
	}
	// Reap any stragglers in the group that outlived the leader.
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	return p.exitErr()
}

func (p *process) exitErr() error {
	if ee, ok := p.err.(*exec.ExitError); ok {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return nil
		}
	}
	return p.err
}
