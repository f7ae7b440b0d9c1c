"""A throwaway RFC 3161 timestamp authority on 127.0.0.1 for the tests:
each POSTed TimeStampReq is answered by `openssl ts -reply` with the
test's TSA key. Modes make bad answers: 'garbage' (not a TimeStampResp),
'http500', 'refuse' (PKIStatus rejection), 'othernonce' (a valid token
for another request).

Usage: tsa_server.py PORTFILE MODE CONFIG  (writes the bound port to PORTFILE)
"""
import http.server
import os
import subprocess
import sys
import tempfile

port_file, mode, config = sys.argv[1], sys.argv[2], sys.argv[3]


def reply(query):
    with tempfile.TemporaryDirectory() as d:
        q, r = os.path.join(d, 'q'), os.path.join(d, 'r')
        if mode == 'othernonce':
            subprocess.run(['openssl', 'ts', '-query', '-digest', '00' * 32, '-sha256', '-cert',
                            '-out', q], check=True, capture_output=True)
        else:
            open(q, 'wb').write(query)
        subprocess.run(['openssl', 'ts', '-reply', '-config', config, '-queryfile', q, '-out', r],
                       check=True, capture_output=True)
        return open(r, 'rb').read()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers['Content-Length']))
        if mode == 'http500':
            self.send_error(500)
            return
        if mode == 'garbage':
            data = b'this is not a timestamp'
        elif mode == 'refuse':
            data = bytes.fromhex('30053003020102')  # TimeStampResp { PKIStatusInfo { rejection (2) } }
        else:
            data = reply(body)
        self.send_response(200)
        self.send_header('Content-Type', 'application/timestamp-reply')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
with open(port_file + '.tmp', 'w') as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + '.tmp', port_file)
server.serve_forever()
