"use client";
// On-site capture: the customer's signature on a canvas (pointer: finger, pen or mouse), and
// a serial read with the camera where the browser has BarcodeDetector (typed otherwise).
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui";

export function SignaturePad({ onChange }: { onChange: (canvas: HTMLCanvasElement | null) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [signed, setSigned] = useState(false);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return [
      ((e.clientX - r.left) * e.currentTarget.width) / r.width,
      ((e.clientY - r.top) * e.currentTarget.height) / r.height,
    ];
  };
  const ctx = () => ref.current?.getContext("2d") ?? null;

  return (
    <div className="stack-sm">
      <canvas
        ref={ref}
        width={600}
        height={200}
        role="img"
        aria-label={signed ? "Signature drawn" : "Signature area: sign here with a finger"}
        data-testid="signature-pad"
        style={{
          width: "100%",
          height: 160,
          border: "1px solid var(--border, #8d8d8d)",
          borderRadius: 6,
          touchAction: "none",
          background: "#fff",
        }}
        onPointerDown={(e) => {
          const c = ctx();
          if (!c) return;
          drawing.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          const [x, y] = point(e);
          c.lineWidth = 3;
          c.lineCap = "round";
          c.strokeStyle = "#161616";
          c.beginPath();
          c.moveTo(x, y);
        }}
        onPointerMove={(e) => {
          const c = ctx();
          if (!drawing.current || !c) return;
          const [x, y] = point(e);
          c.lineTo(x, y);
          c.stroke();
        }}
        onPointerUp={() => {
          if (!drawing.current) return;
          drawing.current = false;
          setSigned(true);
          onChange(ref.current);
        }}
      />
      <div>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            const c = ctx();
            if (c && ref.current) c.clearRect(0, 0, ref.current.width, ref.current.height);
            setSigned(false);
            onChange(null);
          }}
        >
          Clear signature
        </Button>
      </div>
    </div>
  );
}

type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
type DetectorCtor = new (opts?: { formats?: string[] }) => Detector;

/** "Scan" with the camera where BarcodeDetector exists; nothing where it does not (the field is typed). */
export function ScanButton({ onSerial }: { onSerial: (serial: string) => void }) {
  const [supported, setSupported] = useState(false);
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => setSupported("BarcodeDetector" in window && Boolean(navigator.mediaDevices?.getUserMedia)), []);

  useEffect(() => {
    if (!scanning) return;
    let stream: MediaStream | null = null;
    let stop = false;
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
        if (!video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const Ctor = (window as unknown as { BarcodeDetector: DetectorCtor }).BarcodeDetector;
        const detector = new Ctor({ formats: ["code_128", "qr_code", "data_matrix", "ean_13"] });
        while (!stop && video.current) {
          const [hit] = await detector.detect(video.current);
          if (hit?.rawValue) {
            onSerial(hit.rawValue.trim().toUpperCase());
            setScanning(false);
            return;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
      } catch {
        setScanning(false);
      }
    })();
    return () => {
      stop = true;
      for (const t of stream?.getTracks() ?? []) t.stop();
    };
  }, [scanning, onSerial]);

  if (!supported) return null;
  return (
    <div className="stack-sm">
      <Button size="sm" onClick={() => setScanning((s) => !s)}>
        {scanning ? "Stop camera" : "Scan serial with camera"}
      </Button>
      {scanning ? (
        <video ref={video} muted playsInline style={{ width: "100%", maxHeight: 220 }} aria-label="Camera preview" />
      ) : null}
    </div>
  );
}
