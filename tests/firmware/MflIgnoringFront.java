/*
 * MflIgnoringFront.java -- a TLS 1.2 server that ignores the client's
 * max_fragment_length, in front of the stand-in endpoint.
 *
 *   java -Djdk.tls.server.disableExtensions=max_fragment_length \
 *        tests/firmware/MflIgnoringFront.java KEYSTORE.p12 PASSWORD TARGET_PORT
 *
 * Java's own TLS (JSSE) terminates the client's connection with the
 * max_fragment_length extension switched off, as a server that never
 * implemented it behaves: no echo in its ServerHello, records of up to
 * 16 KiB. Each connection is relayed, as plaintext inside a second TLS
 * connection, to the stand-in on 127.0.0.1:TARGET_PORT (whose certificate
 * it does not check: both ends are the test's own). Prints
 * "listening 127.0.0.1 PORT" when ready. Java standard library only.
 */
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

public class MflIgnoringFront {
	static void relay(InputStream in, OutputStream out, Socket a, Socket b) {
		byte[] buf = new byte[16384];
		try {
			for (int n; (n = in.read(buf)) > 0;) {
				out.write(buf, 0, n);
				out.flush();
			}
		} catch (Exception e) {
			// the other side closed; close both
		} finally {
			try { a.close(); } catch (Exception e) { }
			try { b.close(); } catch (Exception e) { }
		}
	}

	public static void main(String[] args) throws Exception {
		char[] pass = args[1].toCharArray();
		KeyStore ks = KeyStore.getInstance("PKCS12");
		try (FileInputStream f = new FileInputStream(args[0])) {
			ks.load(f, pass);
		}
		KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
		kmf.init(ks, pass);
		SSLContext server = SSLContext.getInstance("TLSv1.2");
		server.init(kmf.getKeyManagers(), null, null);

		TrustManager[] any = { new X509TrustManager() {
			public void checkClientTrusted(X509Certificate[] c, String a) { }
			public void checkServerTrusted(X509Certificate[] c, String a) { }
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}
		} };
		SSLContext client = SSLContext.getInstance("TLSv1.2");
		client.init(null, any, null);
		int target = Integer.parseInt(args[2]);

		SSLServerSocket listener = (SSLServerSocket) server
			.getServerSocketFactory()
			.createServerSocket(0, 16, InetAddress.getLoopbackAddress());
		System.out.println("listening 127.0.0.1 " + listener.getLocalPort());
		System.out.flush();
		for (;;) {
			SSLSocket down = (SSLSocket) listener.accept();
			new Thread(() -> {
				try {
					down.startHandshake();
					SSLSocket up = (SSLSocket) client.getSocketFactory()
						.createSocket("127.0.0.1", target);
					up.startHandshake();
					new Thread(() -> {
						try {
							relay(up.getInputStream(),
								down.getOutputStream(), up, down);
						} catch (Exception e) {
							// closed
						}
					}).start();
					relay(down.getInputStream(), up.getOutputStream(),
						down, up);
				} catch (Exception e) {
					try { down.close(); } catch (Exception x) { }
				}
			}).start();
		}
	}
}
