"""A TCP proxy that can be cut and restored: a network partition between an app and its Varnish
(the app's VARNISH_PURGE_URLS point at the proxy). Cut, connections are refused and open ones
closed; restored, it listens on the same port again. Used by the purge tests and the drill."""

import socket
import threading


class Partition:
    def __init__(self, target_port, port=0, host="127.0.0.1"):
        self.target = (host, target_port)
        self.host = host
        self.port = port
        self.listener = None
        self.open = set()
        self.lock = threading.Lock()

    @property
    def url(self):
        return f"http://{self.host}:{self.port}/"

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    restore = start

    def cut(self):
        listener, self.listener = self.listener, None
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread (close alone does not)
            except OSError:
                pass
            listener.close()
        with self.lock:
            sockets, self.open = list(self.open), set()
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    stop = cut

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            source.close()
            with self.lock:
                self.open.discard(source)
