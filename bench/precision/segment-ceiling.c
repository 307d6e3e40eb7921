// The loopback ceiling of segmented sends, beside ../shared/tools/perf/c/udpbench.c's sendmmsg one: one thread sends
// 64-byte datagrams as sendmmsg batches whose messages each carry SEG datagrams cut by the kernel (UDP_SEGMENT), a
// second thread drains them with recvmmsg. Bounded by -t seconds; loopback only (127.0.0.1). With -G the receiver
// takes the segmented messages whole (UDP_GRO) into 64 KiB buffers and counts their datagrams from the segment size
// the kernel hands over, as trdpsim's coalesced receive does.
//
//   gcc -O2 -pthread -o segment-ceiling bench/precision/segment-ceiling.c
//   ./segment-ceiling -s 64 -g 64 -t 5 -p 29312      # prints: RESULT tx_pps=… rx_pps=… lost=…
//   ./segment-ceiling -s 64 -g 64 -t 5 -p 29312 -G   # the same, received coalesced
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef SOL_UDP
#define SOL_UDP 17
#endif
#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#ifndef UDP_GRO
#define UDP_GRO 104
#endif
#define MESSAGES 8 // segmented messages per sendmmsg

static int size = 64, seg = 64, secs = 5, port = 29312, gro;
static volatile int stop;
static long received;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

// Datagrams in a message received whole: its length over the segment size the kernel reports (one without it).
static long datagrams(struct mmsghdr *m) {
  for (struct cmsghdr *cm = CMSG_FIRSTHDR(&m->msg_hdr); cm; cm = CMSG_NXTHDR(&m->msg_hdr, cm))
    if (cm->cmsg_level == SOL_UDP && cm->cmsg_type == UDP_GRO) {
      int gso = *(int *)CMSG_DATA(cm);
      return gso > 0 ? (m->msg_len + gso - 1) / gso : 1;
    }
  return 1;
}

// Points 64 messages at 64 buffers of `each` bytes from `base`, one iovec each.
static void wire(struct mmsghdr *m, struct iovec *io, char *base, size_t each) {
  for (int i = 0; i < 64; i++) {
    io[i] = (struct iovec){base + i * each, each};
    memset(&m[i], 0, sizeof m[i]);
    m[i].msg_hdr.msg_iov = &io[i];
    m[i].msg_hdr.msg_iovlen = 1;
  }
}

static void *drain_whole(int fd) {
  static char buf[64][65536];
  static union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } control[64];
  struct mmsghdr m[64];
  struct iovec io[64];
  wire(m, io, buf[0], sizeof buf[0]);
  struct timespec nap = {0, 200000};
  while (!stop) {
    for (int i = 0; i < 64; i++) {
      m[i].msg_hdr.msg_control = control[i].buf;
      m[i].msg_hdr.msg_controllen = sizeof control[i].buf;
    }
    int r = recvmmsg(fd, m, 64, MSG_DONTWAIT, NULL);
    if (r > 0) for (int i = 0; i < r; i++) received += datagrams(&m[i]);
    else nanosleep(&nap, NULL);
  }
  return NULL;
}

static void *drain(void *arg) {
  int fd = *(int *)arg;
  if (gro) return drain_whole(fd);
  static char buf[64][2048];
  struct mmsghdr m[64];
  struct iovec io[64];
  wire(m, io, buf[0], sizeof buf[0]);
  struct timespec nap = {0, 200000};
  while (!stop) {
    int r = recvmmsg(fd, m, 64, MSG_DONTWAIT, NULL);
    if (r > 0) received += r; else nanosleep(&nap, NULL);
  }
  return NULL;
}

int main(int argc, char **argv) {
  int c;
  while ((c = getopt(argc, argv, "s:g:t:p:G")) != -1) {
    switch (c) {
      case 's': size = atoi(optarg); break;
      case 'g': seg = atoi(optarg); break;
      case 't': secs = atoi(optarg); break;
      case 'p': port = atoi(optarg); break;
      case 'G': gro = 1; break;
      default: fprintf(stderr, "usage: %s [-s size] [-g datagrams per message] [-t secs] [-p port] [-G]\n", argv[0]); return 2;
    }
  }
  if (seg < 1 || seg > 64 || size < 1 || size * seg > 65507) { fprintf(stderr, "bad -s/-g\n"); return 2; }
  int rx = socket(AF_INET, SOCK_DGRAM, 0), tx = socket(AF_INET, SOCK_DGRAM, 0);
  int big = 4 << 20;
  setsockopt(rx, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
  if (gro && setsockopt(rx, SOL_UDP, UDP_GRO, &gro, sizeof gro)) { perror("UDP_GRO"); return 1; }
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  if (bind(rx, (void *)&to, sizeof to) || connect(tx, (void *)&to, sizeof to)) { perror("bind/connect"); return 1; }
  pthread_t reader;
  pthread_create(&reader, NULL, drain, &rx);

  static char data[MESSAGES][65536];
  struct mmsghdr m[MESSAGES];
  struct iovec io[MESSAGES];
  union { char buf[CMSG_SPACE(sizeof(uint16_t))]; struct cmsghdr align; } control[MESSAGES];
  for (int i = 0; i < MESSAGES; i++) {
    memset(data[i], 0x5a, sizeof data[i]);
    io[i] = (struct iovec){data[i], (size_t)size * seg};
    memset(&m[i], 0, sizeof m[i]);
    m[i].msg_hdr.msg_iov = &io[i];
    m[i].msg_hdr.msg_iovlen = 1;
    if (seg > 1) {
      m[i].msg_hdr.msg_control = control[i].buf;
      m[i].msg_hdr.msg_controllen = sizeof control[i].buf;
      struct cmsghdr *cm = CMSG_FIRSTHDR(&m[i].msg_hdr);
      cm->cmsg_level = SOL_UDP;
      cm->cmsg_type = UDP_SEGMENT;
      cm->cmsg_len = CMSG_LEN(sizeof(uint16_t));
      *(uint16_t *)CMSG_DATA(cm) = (uint16_t)size;
    }
  }

  long sent = 0;
  double t0 = now(), elapsed;
  while ((elapsed = now() - t0) < secs) {
    int r = sendmmsg(tx, m, MESSAGES, 0);
    if (r < 0) { perror("sendmmsg"); return 1; }
    sent += (long)r * seg;
  }
  usleep(100000);
  stop = 1;
  pthread_join(reader, NULL);
  printf("RESULT mode=%s size=%d seg=%d tx_pps=%.0f rx_pps=%.0f lost=%ld\n", gro ? "segment-coalesced" : "segment", size, seg, sent / elapsed, received / elapsed, sent - received);
  return 0;
}
